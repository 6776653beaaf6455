import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArticleFormatError, serialiseArticle } from '../../src/core/articles/frontMatter';
import { ArticleExistsError, loadContentDir, readArticleFile, writeArticle } from '../../src/core/articles/store';
import type { Article } from '../../src/core/types';

const CONTENT = join(__dirname, '..', '..', 'content');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coalition-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const article = (id: string, body = 'Body text.'): Article => ({ id, title: `Title ${id}`, language: 'en', body });

describe('writeArticle', () => {
  it('stores <id>.md, leaves an identical file alone and refuses to overwrite a different one', () => {
    expect(writeArticle(dir, article('a1'))).toEqual({ path: join(dir, 'a1.md'), status: 'written' });
    expect(readFileSync(join(dir, 'a1.md'), 'utf8')).toBe(serialiseArticle(article('a1')));
    expect(writeArticle(dir, article('a1')).status).toBe('unchanged');
    expect(() => writeArticle(dir, article('a1', 'Another body.'))).toThrow(ArticleExistsError);
    expect(() => writeArticle(dir, article('a1', 'Another body.'))).toThrow(/a1\.md; not overwritten/);
    expect(readFileSync(join(dir, 'a1.md'), 'utf8')).toBe(serialiseArticle(article('a1')));
  });

  it('creates the directory and refuses ids that are not file names', () => {
    const nested = join(dir, 'new', 'content');
    expect(writeArticle(nested, article('b1')).status).toBe('written');
    expect(() => writeArticle(dir, article('../b2'))).toThrow(ArticleFormatError);
  });
});

describe('readArticleFile', () => {
  it('names the file in its errors', () => {
    writeFileSync(join(dir, 'raw.md'), 'Just raw text.');
    expect(() => readArticleFile(join(dir, 'raw.md'))).toThrow(`${join(dir, 'raw.md')}: not a stored article`);
    expect(() => readArticleFile(join(dir, 'missing.md'))).toThrow(/missing\.md: cannot read: ENOENT/);
  });
});

describe('loadContentDir', () => {
  it('loads good files, reports bad ones and duplicate ids naming both files', () => {
    writeArticle(dir, article('a1'));
    writeArticle(dir, article('a2'));
    mkdirSync(join(dir, '2020'));
    writeFileSync(join(dir, '2020', 'copy-of-a1.md'), serialiseArticle(article('a1', 'A different body.')));
    writeFileSync(join(dir, 'broken.md'), '---\nid: broken\ntitle: Broken\n');
    writeFileSync(join(dir, 'notes.txt'), 'not an article file');
    writeFileSync(join(dir, '.hidden.md'), 'ignored');

    const { articles, errors } = loadContentDir(dir);
    expect(articles.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    expect(errors).toHaveLength(2);
    const duplicate = errors.find((e) => e.path.endsWith('a1.md') || e.path.endsWith('copy-of-a1.md'));
    expect(duplicate?.message).toMatch(/duplicate id "a1"/);
    expect(duplicate?.message).toContain(join(dir, '2020', 'copy-of-a1.md'));
    expect(duplicate?.message).toContain(join(dir, 'a1.md'));
    expect(errors.find((e) => e.path.endsWith('broken.md'))?.message).toContain('missing closing "---"');
  });

  it('treats a missing directory as empty', () => {
    expect(loadContentDir(join(dir, 'nope'))).toEqual({ articles: [], errors: [] });
  });
});

describe('content/', () => {
  const { articles, errors } = loadContentDir(CONTENT);
  const byOutlet = (outlet?: string) => articles.filter((a) => a.outlet === outlet);

  it('holds the five seed articles with their metadata', () => {
    expect(errors).toEqual([]);
    expect(articles).toHaveLength(5);

    const [a000] = articles.filter((a) => a.title === 'Coalition spokesman: Alliance with SDF to continue');
    expect(a000).toMatchObject({ published: { value: '2020-03-06', precision: 'day' }, language: 'en' });
    expect(a000.outlet).toBeUndefined();

    expect(byOutlet('Baghdad Post')).toEqual([
      expect.objectContaining({
        title: 'US-led Coalition says will continue assisting SDF after ISIS defeat in Syria',
        published: { value: '2019-03-24', precision: 'day' },
        language: 'en',
      }),
    ]);

    const shafaq = byOutlet('Shafaq News');
    expect(shafaq.map((a) => a.published).sort((x, y) => (x?.value ?? '').localeCompare(y?.value ?? ''))).toEqual([
      { value: '2020', precision: 'year' },
      { value: '2020-11-24', precision: 'day' },
    ]);
    expect(shafaq.every((a) => a.language === 'en')).toBe(true);

    expect(byOutlet('North Pulse Network')).toEqual([
      expect.objectContaining({ language: 'ar', published: { value: '2020-11-24', precision: 'day' } }),
    ]);
  });

  it('stores story text without site clutter', () => {
    for (const a of articles) {
      expect(a.body).not.toMatch(/Other news|Shafaq Live|Radio radio icon|Baghdadpost|Last Modified|NORTH PULSE|التعليقات مغلقة/);
      expect(a.body).toBe(a.body.trim());
      expect(a.body).not.toMatch(/\n\n\n/);
      expect(a.body).not.toContain(a.title);
      expect(a.path?.endsWith(`${a.id}.md`)).toBe(true);
    }
  });
});
