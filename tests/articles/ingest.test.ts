import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFiles, type IngestOptions, type IngestResult } from '../../src/core/articles/ingest';
import { loadOutletRules } from '../../src/core/articles/outletRules';
import { firstInvalidUtf8Offset, readTextInput } from '../../src/core/articles/readTextInput';
import { loadContentDir } from '../../src/core/articles/store';

const rules = loadOutletRules();
const SEEDS = join(__dirname, 'fixtures', 'seeds');
const SEED_001 = join(SEEDS, '001_c429ba9189c3db3c.txt');
const SEED_004 = join(SEEDS, '004_79c1d8f50615fba5.txt');

let dir: string;
let inbox: string;
let content: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coalition-ingest-'));
  inbox = join(dir, 'inbox');
  content = join(dir, 'content');
  mkdirSync(inbox);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, data: string | Buffer): string {
  const path = join(inbox, name);
  writeFileSync(path, data);
  return path;
}

const ingest = (paths: string[], options: Partial<IngestOptions> = {}) => ingestFiles(paths, { contentDir: content, rules, ...options });

function resultFor(results: IngestResult[], path: string): IngestResult {
  const found = results.find((r) => r.path === path);
  if (!found) throw new Error(`no result for ${path}`);
  return found;
}

function storedFiles(): string[] {
  try {
    return readdirSync(content).sort();
  } catch {
    return [];
  }
}

describe('ingestFiles', () => {
  it('stores a raw article with inferred front matter and a date-prefixed id', async () => {
    const report = await ingest([SEED_001]);
    expect(report).toMatchObject({ stored: 1, skipped: 0, failed: 0, dryRun: false });
    const result = report.results[0];
    if (result.status !== 'stored') throw new Error(result.status);
    expect(result.id).toMatch(/^2019-03-24-[0-9a-f]{8}$/);
    expect(result.storedPath).toBe(join(content, `${result.id}.md`));
    const [article] = loadContentDir(content).articles;
    expect(article).toMatchObject({
      id: result.id,
      title: 'US-led Coalition says will continue assisting SDF after ISIS defeat in Syria',
      outlet: 'Baghdad Post',
      published: { value: '2019-03-24', precision: 'day' },
      language: 'en',
    });
    expect(article.body.startsWith('The US-led coalition has congratulated')).toBe(true);
  });

  it('gives each bad file its own error and still stores the others', async () => {
    const good = put('good.txt', readFileSync(SEED_004, 'utf8'));
    const empty = put('empty.txt', '');
    const blank = put('blank.txt', ' \n\t\n');
    const binary = put('binary.txt', Buffer.from([0x54, 0x65, 0x78, 0x74, 0x00, 0x01, 0x02]));
    const latin1 = put('latin1.txt', Buffer.from('Caf\xe9 au lait, said the spokesman.', 'latin1'));
    const broken = put('broken.md', '---\nid: broken\ntitle: Broken\nlanguage: en\nBody without a closing fence.\n');
    const badDate = put('bad-date.md', '---\nid: bad-date\ntitle: T\npublished: 2020-02-30\nlanguage: en\n---\nBody.\n');
    const missing = join(inbox, 'missing.txt');
    const huge = join(inbox, 'huge.txt');
    // A sparse 20 MB file: created instantly, and rejected before a byte of it is read.
    closeSync(openSync(huge, 'w'));
    truncateSync(huge, 20 * 1024 * 1024);
    const good2 = put('good2.txt', readFileSync(SEED_001, 'utf8'));

    const started = Date.now();
    const report = await ingest([good, empty, blank, binary, latin1, broken, badDate, missing, huge, good2]);
    expect(Date.now() - started).toBeLessThan(2000);

    expect(report).toMatchObject({ stored: 2, skipped: 0, failed: 8 });
    const message = (path: string): string => {
      const r = resultFor(report.results, path);
      if (r.status !== 'error') throw new Error(`${path} was ${r.status}`);
      expect(r.message.startsWith(`${path}: `)).toBe(true);
      return r.message;
    };
    expect(message(empty)).toContain('empty file');
    expect(message(blank)).toContain('empty file (only white space)');
    expect(message(binary)).toContain('binary file (NUL byte at offset 4)');
    expect(message(latin1)).toContain('invalid UTF-8 at byte 3');
    expect(message(broken)).toContain('missing closing "---"');
    expect(message(badDate)).toContain('bad date "2020-02-30"');
    expect(message(missing)).toContain('no such file');
    expect(message(huge)).toContain('file is 20.0 MB, over the 5.0 MB limit');
    expect(storedFiles()).toHaveLength(2);
  });

  it('honours a configured size limit', async () => {
    const path = put('a.txt', readFileSync(SEED_001, 'utf8'));
    const report = await ingest([path], { maxBytes: 1000 });
    expect(report.results[0]).toMatchObject({ status: 'error', message: expect.stringContaining('over the 1000 bytes limit') });
  });

  it('skips a file already stored identically, and says where', async () => {
    await ingest([SEED_001]);
    const before = storedFiles();
    const again = await ingest([SEED_001]);
    expect(again).toMatchObject({ stored: 0, skipped: 1, failed: 0 });
    expect(again.results[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining(join(content, before[0])) });
    expect(storedFiles()).toEqual(before);
  });

  it('skips a second copy in the same batch', async () => {
    const copy = put('copy.txt', readFileSync(SEED_001, 'utf8'));
    const report = await ingest([SEED_001, copy]);
    expect(report).toMatchObject({ stored: 1, skipped: 1 });
  });

  it('never overwrites a stored article: same id, different content is an error', async () => {
    mkdirSync(content);
    const existing = join(content, 'hand-written.md');
    const text = '---\nid: a1\ntitle: Original\nlanguage: en\n---\n\nOriginal body.\n';
    writeFileSync(existing, text);
    const incoming = put('a1.md', '---\nid: a1\ntitle: Impostor\nlanguage: en\n---\n\nAnother body.\n');
    const report = await ingest([incoming]);
    expect(report.results[0]).toMatchObject({ status: 'error', message: expect.stringContaining(`id "a1" is already stored in ${existing}; not overwritten`) });
    expect(readFileSync(existing, 'utf8')).toBe(text);
    expect(storedFiles()).toEqual(['hand-written.md']);
  });

  it('keeps the stored copy when a raw story comes again with other metadata', async () => {
    await ingest([SEED_001]);
    const before = storedFiles();
    const report = await ingest([SEED_001], { overrides: { published: '2019-03-23', outlet: 'Other' } });
    expect(report.results[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('same story already stored in') });
    expect(storedFiles()).toEqual(before);
    expect(loadContentDir(content).articles[0].outlet).toBe('Baghdad Post');
  });

  it('refuses a stored-article file repeating a stored story under another id', async () => {
    await ingest([SEED_001]);
    const [stored] = loadContentDir(content).articles;
    const twin = put('twin.md', `---\nid: twin\ntitle: Twin\nlanguage: en\n---\n\n${stored.body}\n`);
    const report = await ingest([twin]);
    expect(report.results[0]).toMatchObject({ status: 'error', message: expect.stringContaining(`the same story text is already stored as "${stored.id}"`) });
    expect(storedFiles()).toHaveLength(1);
  });

  it('stores files with front matter as they are', async () => {
    const text = '---\nid: hand-1\ntitle: Hand written\noutlet: Rudaw\npublished: 2019-09\nlanguage: en\n---\n\nBody. "A quote," he said.\n';
    const path = put('hand.md', text);
    const report = await ingest([path], { overrides: { outlet: 'Ignored' } });
    expect(report.results[0]).toMatchObject({ status: 'stored', id: 'hand-1' });
    expect(readFileSync(join(content, 'hand-1.md'), 'utf8')).toBe(text);
  });

  it('applies overrides to raw files', async () => {
    const report = await ingest([join(SEEDS, '000_dcb17e56dfd716d4.txt')], {
      overrides: { published: '2020-03-06', outlet: 'Hawar News Agency', url: 'https://example.org/a' },
    });
    const r = report.results[0];
    if (r.status !== 'stored') throw new Error(r.status);
    expect(r.id).toMatch(/^2020-03-06-/);
    expect(r.article).toMatchObject({ outlet: 'Hawar News Agency', published: { value: '2020-03-06', precision: 'day' }, url: 'https://example.org/a' });
  });

  it('rejects bad overrides up front', async () => {
    await expect(ingest([SEED_001], { overrides: { published: '2020-02-30' } })).rejects.toThrow('bad date "2020-02-30"');
  });

  it('walks directories for text files and reports progress', async () => {
    copyFileSync(SEED_001, join(inbox, 'a.txt'));
    mkdirSync(join(inbox, 'more'));
    copyFileSync(SEED_004, join(inbox, 'more', 'b.md'));
    writeFileSync(join(inbox, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    writeFileSync(join(inbox, '.hidden.txt'), 'hidden');
    mkdirSync(join(inbox, 'none'));
    const progress: Array<[number, number, string, string]> = [];
    const report = await ingest([inbox, join(inbox, 'none')], { onProgress: (done, total, path, r) => progress.push([done, total, path, r.status]) });
    expect(report.results.map((r) => [r.path, r.status])).toEqual([
      [join(inbox, 'a.txt'), 'stored'],
      [join(inbox, 'more', 'b.md'), 'stored'],
      [join(inbox, 'none'), 'error'],
    ]);
    expect(progress).toEqual([
      [1, 3, join(inbox, 'a.txt'), 'stored'],
      [2, 3, join(inbox, 'more', 'b.md'), 'stored'],
      [3, 3, join(inbox, 'none'), 'error'],
    ]);
  });

  it('writes nothing on a dry run', async () => {
    const report = await ingest([SEED_001, SEED_004], { dryRun: true });
    expect(report).toMatchObject({ stored: 2, dryRun: true });
    expect(storedFiles()).toEqual([]);
  });

  it('falls back to the first sentence for a page without a headline', async () => {
    const path = put('no-title.txt', 'The coalition said on Monday that it will stay in Iraq. Officials confirmed it.\n\nMore text follows here.');
    const report = await ingest([path]);
    expect(report.results[0]).toMatchObject({ status: 'stored', article: { title: 'The coalition said on Monday that it will stay in Iraq.' } });
  });
});

describe('readTextInput', () => {
  it('drops a byte-order mark', async () => {
    const path = put('bom.txt', '\ufeffText');
    await expect(readTextInput(path)).resolves.toBe('Text');
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('abc', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8Offset(Buffer.from('قال', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8Offset(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(firstInvalidUtf8Offset(Buffer.from([0x61, 0x62, 0xe0, 0x80, 0x80]))).toBe(2);
    expect(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});
