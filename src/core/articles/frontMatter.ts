import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import type { Article, Language, PartialDate } from '../types';
import { parsePartialDate } from './partialDate';
import { describeYamlError } from './yamlErrors';

/** A stored article file that cannot be read: the message names the problem (and the file, when known). */
export class ArticleFormatError extends Error {
  constructor(message: string, readonly path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'ArticleFormatError';
  }
}

export const LANGUAGES: readonly Language[] = ['en', 'ar'];
const KEYS = ['id', 'title', 'outlet', 'published', 'language', 'url'] as const;
// Ids become file names and URLs: keep them to characters that are safe everywhere.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const FENCE = /^---[ \t]*\r?$/;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isValidArticleId(id: string): boolean {
  return ID_PATTERN.test(id) && !id.endsWith('.');
}

/** True when the text opens with a `---` line, i.e. claims to be a stored article. */
export function hasFrontMatter(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const eol = text.indexOf('\n', start);
  return FENCE.test(text.slice(start, eol === -1 ? text.length : eol));
}

/** End of the line starting at `from` and where the next line starts. */
function lineAt(text: string, from: number): { end: number; next: number } {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? { end: text.length, next: text.length } : { end: nl, next: nl + 1 };
}

function stripOneNewline(text: string, atStart: boolean): string {
  if (atStart) return text.startsWith('\r\n') ? text.slice(2) : text.startsWith('\n') ? text.slice(1) : text;
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}

function requireString(data: Record<string, unknown>, key: string, fail: (m: string) => never): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`${key} must be text, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Parses a stored article: YAML front matter between `---` lines over the body. The body is
 * everything after the closing fence, minus one separating blank line and one final newline,
 * so that `serialiseArticle` and this function round-trip any body exactly.
 */
export function parseArticleText(text: string, path?: string): Article {
  const fail = (message: string): never => {
    throw new ArticleFormatError(message, path);
  };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!hasFrontMatter(text)) fail('not a stored article: no front matter (the file must start with a "---" line)');

  const open = lineAt(text, 0);
  let pos = open.next;
  let close: { start: number; next: number } | undefined;
  while (pos < text.length) {
    const line = lineAt(text, pos);
    if (FENCE.test(text.slice(pos, line.end))) {
      close = { start: pos, next: line.next };
      break;
    }
    pos = line.next;
  }
  if (!close) return fail('missing closing "---" after the front matter');

  const yamlText = text.slice(open.next, close.start);
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const { line, message } = describeYamlError(yamlText, doc.errors[0]);
    // +1: the opening fence is line 1 of the file.
    fail(`invalid YAML at line ${line + 1}: ${message}`);
  }
  if (!isMap(doc.contents)) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) fail('missing id (the front matter is empty)');
    fail('front matter must be a set of "key: value" lines');
  }
  const data = doc.toJS() as Record<string, unknown>;

  for (const key of Object.keys(data)) {
    if (!(KEYS as readonly string[]).includes(key)) fail(`unknown key "${key}" in front matter (expected ${KEYS.join(', ')})`);
  }

  const idValue = data.id;
  if (idValue === undefined || idValue === null || idValue === '') fail('missing id');
  const id = typeof idValue === 'number' ? String(idValue) : idValue;
  if (typeof id !== 'string' || !isValidArticleId(id)) {
    fail(`bad id ${JSON.stringify(idValue)}: use letters, digits, ".", "_" and "-" (at most 128), starting with a letter or digit`);
  }

  const title = requireString(data, 'title', fail);
  if (title === undefined || title.trim() === '') fail('missing title');

  const outlet = requireString(data, 'outlet', fail);

  let published: PartialDate | undefined;
  if (data.published !== undefined && data.published !== null) {
    const raw = data.published;
    published = typeof raw === 'string' || typeof raw === 'number' ? parsePartialDate(String(raw)) : undefined;
    if (!published) fail(`bad date ${JSON.stringify(raw)} for published: write YYYY-MM-DD, YYYY-MM or YYYY (a real date)`);
  }

  if (data.language === undefined || data.language === null) fail(`missing language (expected ${LANGUAGES.join(' or ')})`);
  if (!isLanguage(data.language)) fail(`unknown language ${JSON.stringify(data.language)} (expected ${LANGUAGES.join(' or ')})`);
  const language = data.language as Language;

  const url = requireString(data, 'url', fail);
  if (url !== undefined && !/^https?:\/\/[^\s/]+/i.test(url)) fail(`bad url ${JSON.stringify(url)}: expected an http(s) address`);

  const body = stripOneNewline(stripOneNewline(text.slice(close.next), true), false);
  const article: Article = { id: id as string, title: title as string, language, body };
  if (outlet !== undefined && outlet.trim() !== '') article.outlet = outlet;
  if (published) article.published = published;
  if (url !== undefined) article.url = url;
  if (path !== undefined) article.path = path;
  return article;
}

/** Writes an article as front matter over its body; `parseArticleText` reads it back unchanged. */
export function serialiseArticle(article: Article): string {
  const data: Record<string, string | number> = { id: article.id, title: article.title };
  if (article.outlet !== undefined) data.outlet = article.outlet;
  if (article.published) {
    // A year alone as a YAML number reads `published: 2020` rather than the quoted "2020".
    data.published = article.published.precision === 'year' ? Number(article.published.value) : article.published.value;
  }
  data.language = article.language;
  if (article.url !== undefined) data.url = article.url;
  const yaml = stringify(data, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${article.body}\n`;
}
