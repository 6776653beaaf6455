import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../types';
import { ArticleFormatError, isValidArticleId, parseArticleText, serialiseArticle } from './frontMatter';

/** An article would replace a different stored file: nothing is overwritten. */
export class ArticleExistsError extends Error {
  constructor(readonly path: string, readonly id: string) {
    super(`a different article with id "${id}" is already stored in ${path}; not overwritten`);
    this.name = 'ArticleExistsError';
  }
}

export const ARTICLE_EXTENSION = '.md';

export function articleFileName(id: string): string {
  return `${id}${ARTICLE_EXTENSION}`;
}

/** Reads one stored article file; format problems throw ArticleFormatError naming the file. */
export function readArticleFile(path: string): Article {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ArticleFormatError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, path);
  }
  return parseArticleText(text, path);
}

/** Stored article files under `dir`, in a stable order; hidden entries are skipped. */
export function listArticleFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    const entries = readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(ARTICLE_EXTENSION)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

export interface ContentDirError {
  path: string;
  message: string;
}

/**
 * Loads every stored article under `dir`. A bad file is reported and skipped; so is a second
 * file claiming an id already loaded (the error names both files). A missing dir is empty.
 */
export function loadContentDir(dir: string): { articles: Article[]; errors: ContentDirError[] } {
  const articles: Article[] = [];
  const errors: ContentDirError[] = [];
  let paths: string[];
  try {
    paths = listArticleFiles(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { articles, errors };
    throw e;
  }
  const pathById = new Map<string, string>();
  for (const path of paths) {
    let article: Article;
    try {
      article = readArticleFile(path);
    } catch (e) {
      if (!(e instanceof ArticleFormatError)) throw e;
      errors.push({ path, message: e.message });
      continue;
    }
    const first = pathById.get(article.id);
    if (first !== undefined) {
      errors.push({ path, message: `${path}: duplicate id "${article.id}", already used by ${first}` });
      continue;
    }
    pathById.set(article.id, path);
    articles.push(article);
  }
  return { articles, errors };
}

/**
 * Stores `article` as `<dir>/<id>.md`. An identical file already there is left as it is
 * ("unchanged"); a different one is never overwritten (ArticleExistsError).
 * `text` stores that exact file text instead of serialising the article (for files that
 * arrived with their own front matter).
 */
export function writeArticle(dir: string, article: Article, text: string = serialiseArticle(article)): { path: string; status: 'written' | 'unchanged' } {
  if (!isValidArticleId(article.id)) throw new ArticleFormatError(`bad id ${JSON.stringify(article.id)}`);
  const path = join(dir, articleFileName(article.id));
  mkdirSync(dir, { recursive: true });
  try {
    // 'wx' creates the file or fails if it exists: no window in which another writer is clobbered.
    writeFileSync(path, text, { encoding: 'utf8', flag: 'wx' });
    return { path, status: 'written' };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (readFileSync(path, 'utf8') === text) return { path, status: 'unchanged' };
  throw new ArticleExistsError(path, article.id);
}
