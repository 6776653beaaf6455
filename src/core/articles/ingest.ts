import { readdir, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Article, Language, PartialDate } from '../types';
import { articleIdFor, bodyFingerprint } from './articleId';
import { analyseRawText, cleanBody } from './clean';
import { hasFrontMatter, isLanguage, LANGUAGES, parseArticleText, serialiseArticle } from './frontMatter';
import type { OutletRules } from './outletRules';
import { parsePartialDate } from './partialDate';
import { DEFAULT_MAX_INPUT_BYTES, InputFileError, readTextInput } from './readTextInput';
import { ArticleExistsError, articleFileName, loadContentDir, writeArticle } from './store';

/** Metadata the user gives for raw files, winning over what the text suggests. */
export interface IngestOverrides {
  outlet?: string;
  /** A PartialDate or its text form: `2020-03-06`, `2020-03`, `2020`. */
  published?: PartialDate | string;
  language?: Language;
  url?: string;
}

export interface IngestOptions {
  contentDir: string;
  rules: OutletRules;
  overrides?: IngestOverrides;
  /** Called after each file, with its outcome. */
  onProgress?: (done: number, total: number, path: string, result: IngestResult) => void;
  /** Work everything out, write nothing. */
  dryRun?: boolean;
  /** Files larger than this are refused unread (default 5 MB). */
  maxBytes?: number;
}

export type IngestResult =
  | { path: string; status: 'stored'; id: string; storedPath: string; article: Article }
  | { path: string; status: 'skipped'; id: string; storedPath: string; reason: string }
  | { path: string; status: 'error'; message: string };

export interface IngestReport {
  results: IngestResult[];
  stored: number;
  skipped: number;
  failed: number;
  dryRun: boolean;
}

/** File types picked up when a directory is given; a file named explicitly is read whatever its type. */
export const INGEST_EXTENSIONS = ['.txt', '.text', '.md', '.markdown'];

/** Expands directories into the text files under them (sorted, hidden entries skipped). */
async function expandPaths(paths: string[]): Promise<Array<{ path: string; error?: string }>> {
  const out: Array<{ path: string; error?: string }> = [];
  const walk = async (dir: string): Promise<number> => {
    let count = 0;
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) count += await walk(path);
      else if (entry.isFile() && INGEST_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
        out.push({ path });
        count++;
      }
    }
    return count;
  };
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      // Reported per file by readTextInput.
    }
    if (!isDir) out.push({ path });
    else if ((await walk(path)) === 0) out.push({ path, error: `no ${INGEST_EXTENSIONS.join(', ')} files in this directory` });
  }
  return out;
}

function resolveOverrides(overrides: IngestOverrides): { outlet?: string; published?: PartialDate; language?: Language; url?: string } {
  const { outlet, language, url } = overrides;
  let published: PartialDate | undefined;
  if (typeof overrides.published === 'string') {
    published = parsePartialDate(overrides.published);
    if (!published) throw new Error(`bad date "${overrides.published}": use YYYY-MM-DD, YYYY-MM or YYYY (a real date)`);
  } else published = overrides.published;
  if (language !== undefined && !isLanguage(language)) throw new Error(`unknown language "${String(language)}" (expected ${LANGUAGES.join(' or ')})`);
  return { outlet, published, language, url };
}

// When a page has no headline, the title is the start of its first sentence.
const FALLBACK_TITLE_LENGTH = 100;

function fallbackTitle(body: string): string {
  const firstLine = body.split('\n', 1)[0].trim();
  const sentence = /^.+?[.!?؟](?=\s|$)/u.exec(firstLine)?.[0] ?? firstLine;
  if (sentence.length <= FALLBACK_TITLE_LENGTH) return sentence;
  const cut = sentence.slice(0, FALLBACK_TITLE_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), FALLBACK_TITLE_LENGTH / 2)).trimEnd()}…`;
}

/** Builds the stored form of a raw page: inferred front matter over the cleaned story text. */
function articleFromRaw(raw: string, rules: OutletRules, overrides: ReturnType<typeof resolveOverrides>): Article {
  const analysis = analyseRawText(raw, rules, { url: overrides.url });
  const body = cleanBody(raw, analysis);
  if (body === '') throw new InputFileError('no story text left once site clutter is removed');
  const published = overrides.published ?? analysis.published;
  const article: Article = {
    id: articleIdFor(body, published),
    title: analysis.title ?? fallbackTitle(body),
    language: overrides.language ?? analysis.language,
    body,
  };
  const outlet = overrides.outlet ?? analysis.outlet;
  if (outlet !== undefined) article.outlet = outlet;
  if (published) article.published = published;
  if (overrides.url !== undefined) article.url = overrides.url;
  return article;
}

/**
 * Turns files into stored articles in `contentDir`. Raw text gets front matter inferred and its
 * site clutter removed; a file with front matter is validated and stored as it is. Each file
 * succeeds or fails on its own: the report says, per file, stored, skipped (already stored
 * identically, or raw text of a story already stored, whose stored metadata is kept) or error
 * (naming the file and the problem). Nothing stored is ever overwritten.
 */
export async function ingestFiles(paths: string[], options: IngestOptions): Promise<IngestReport> {
  const overrides = resolveOverrides(options.overrides ?? {});
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const dryRun = options.dryRun ?? false;

  // What is stored already, by id and by story text, so duplicates are caught whatever their file names.
  const pathById = new Map<string, string>();
  const idByFingerprint = new Map<string, string>();
  // A dry run writes nothing, so what it "stored" is remembered here instead of read back from disk.
  const dryRunText = new Map<string, string>();
  for (const article of loadContentDir(options.contentDir).articles) {
    pathById.set(article.id, article.path ?? join(options.contentDir, articleFileName(article.id)));
    idByFingerprint.set(bodyFingerprint(article.body), article.id);
  }
  const storedText = (id: string): string => dryRunText.get(id) ?? readFileSync(pathById.get(id) as string, 'utf8');

  const inputs = await expandPaths(paths);
  const results: IngestResult[] = [];
  const counts = { stored: 0, skipped: 0, failed: 0 };

  const ingestOne = async (path: string): Promise<IngestResult> => {
    const text = await readTextInput(path, maxBytes);
    const raw = !hasFrontMatter(text);
    const article = raw ? articleFromRaw(text, options.rules, overrides) : parseArticleText(text);
    const fileText = raw ? serialiseArticle(article) : text;
    const fingerprint = bodyFingerprint(article.body);

    const existingPath = pathById.get(article.id);
    if (existingPath !== undefined && storedText(article.id) === fileText) {
      return { path, status: 'skipped', id: article.id, storedPath: existingPath, reason: `already stored in ${existingPath}` };
    }
    const twin = idByFingerprint.get(fingerprint);
    if (raw && twin !== undefined) {
      // Raw text only suggests metadata; the stored copy may have been corrected by hand, so it stays.
      const twinPath = pathById.get(twin) as string;
      return { path, status: 'skipped', id: twin, storedPath: twinPath, reason: `same story already stored in ${twinPath}; its metadata is kept` };
    }
    if (existingPath !== undefined) throw new ArticleExistsError(existingPath, article.id);
    if (twin !== undefined) throw new Error(`the same story text is already stored as "${twin}" in ${pathById.get(twin)}; not stored twice`);

    const storedPath = join(options.contentDir, articleFileName(article.id));
    let status: 'written' | 'unchanged' = 'written';
    if (dryRun) dryRunText.set(article.id, fileText);
    else status = writeArticle(options.contentDir, article, fileText).status;
    pathById.set(article.id, storedPath);
    idByFingerprint.set(fingerprint, article.id);
    if (status === 'unchanged') return { path, status: 'skipped', id: article.id, storedPath, reason: `already stored in ${storedPath}` };
    return { path, status: 'stored', id: article.id, storedPath, article };
  };

  for (const [i, input] of inputs.entries()) {
    let result: IngestResult;
    if (input.error !== undefined) {
      result = { path: input.path, status: 'error', message: `${input.path}: ${input.error}` };
    } else {
      try {
        result = await ingestOne(input.path);
      } catch (e) {
        // Any failure, even an unforeseen one (a write refused by the OS), stays with its file.
        result = { path: input.path, status: 'error', message: `${input.path}: ${(e as Error).message}` };
      }
    }
    results.push(result);
    if (result.status === 'stored') counts.stored++;
    else if (result.status === 'skipped') counts.skipped++;
    else counts.failed++;
    options.onProgress?.(i + 1, inputs.length, input.path, result);
  }
  return { results, ...counts, dryRun };
}
