import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CorpusService, LoadAborted } from '../../src/runtime/corpusService';
import { readCorpusSnapshot, saveCorpusSnapshot } from '../../src/runtime/corpusSnapshot';
import { SqliteStore } from '../../src/store/sqliteStore';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'config');

let dir: string;
let content: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-service-'));
  content = path.join(dir, 'content');
  fs.mkdirSync(content);
  for (const f of fs.readdirSync(path.join(ROOT, 'content'))) fs.copyFileSync(path.join(ROOT, 'content', f), path.join(content, f));
  store = new SqliteStore(path.join(dir, 'bot.db'));
  await store.migrate();
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function quotesOf(service: CorpusService) {
  const { corpus } = service.current();
  return corpus.articles().flatMap((a) => corpus.articleQuotes(a.id).map((q) => [q.id, q.text, q.kind, q.speakerId, q.speaker, q.confidence]));
}

describe('CorpusService', () => {
  it('a restart reads unchanged articles from the store, with the same quotes and speakers', async () => {
    const first = new CorpusService({ contentDir: content, configDir: CONFIG, store });
    const cold = await first.load();
    expect(cold).toMatchObject({ articles: 5, fromCache: 0, extracted: 5, errors: 0 });
    const second = new CorpusService({ contentDir: content, configDir: CONFIG, store });
    const warm = await second.load();
    expect(warm).toMatchObject({ articles: 5, fromCache: 5, extracted: 0 });
    expect(quotesOf(second)).toEqual(quotesOf(first));
    // Speakers learned from articles exist again, under the same ids.
    const learned = first.current().registry.all().filter((s) => s.learned).map((s) => s.id).sort();
    for (const id of learned) if (second.current().corpus.speakerStats(id)) expect(second.current().registry.get(id)).toBeDefined();
  });

  it('re-extracts only a changed article, drops a deleted one, and adds a new one', async () => {
    const service = new CorpusService({ contentDir: content, configDir: CONFIG, store });
    await service.load();
    expect(service.changed()).toBe(false);
    expect(await service.rescan()).toBeNull();
    const [firstFile, secondFile] = fs.readdirSync(content).sort();
    fs.appendFileSync(path.join(content, firstFile), '\n"We will stay," the spokesman said.\n');
    fs.rmSync(path.join(content, secondFile));
    fs.writeFileSync(
      path.join(content, 'zz-new.md'),
      '---\nid: zz-new\ntitle: New report\noutlet: Test Wire\npublished: 2026-03-01\nlanguage: en\n---\n"Daesh cells remain a threat," Col. Wayne Marotto said on Sunday.\n',
    );
    const stats = await service.rescan();
    expect(stats).toMatchObject({ articles: 5, fromCache: 3, extracted: 2 });
    const { corpus } = service.current();
    expect(corpus.article(secondFile.replace(/\.md$/, ''))).toBeUndefined();
    expect(corpus.articleQuotes('zz-new')[0]).toMatchObject({ speaker: 'Wayne Marotto', kind: 'direct' });
    expect(service.arrivedAt('zz-new')).toBe(fs.statSync(path.join(content, 'zz-new.md')).mtimeMs);
  });

  it('a broken file is reported and skipped; the rest load', async () => {
    fs.writeFileSync(path.join(content, 'broken.md'), '---\nid: [unclosed\n---\nbody\n');
    const warnings: string[] = [];
    const service = new CorpusService({ contentDir: content, configDir: CONFIG, store, log: { info: () => undefined, error: () => undefined, warn: (_o: unknown, m?: string) => void warnings.push(String(m)) } as never });
    const stats = await service.load();
    expect(stats).toMatchObject({ articles: 5, errors: 1 });
    expect(warnings.join('\n')).toMatch(/broken\.md/);
  });

  it('keeps answering from extraction when the store fails', async () => {
    await store.close();
    const service = new CorpusService({ contentDir: content, configDir: CONFIG, store, log: { info: () => undefined, warn: () => undefined, error: () => undefined } as never });
    const stats = await service.load();
    expect(stats).toMatchObject({ articles: 5, extracted: 5 });
    store = new SqliteStore(path.join(dir, 'bot.db'));
  });

  it('notices a file dropped into content/ while watching', async () => {
    const service = new CorpusService({ contentDir: content, configDir: CONFIG, store });
    await service.load();
    const generation = service.generation;
    const reloaded = new Promise<void>((resolve) => {
      const original = service.rescan.bind(service);
      service.rescan = async () => {
        const r = await original();
        if (r) resolve();
        return r;
      };
    });
    service.watch(20);
    try {
      fs.writeFileSync(path.join(content, 'zz-watch.md'), '---\nid: zz-watch\ntitle: Watched\nlanguage: en\n---\n"We are here," Farhad Shami said.\n');
      await reloaded;
      expect(service.generation).toBe(generation + 1);
      expect(service.current().corpus.article('zz-watch')).toBeDefined();
    } finally {
      service.unwatch();
    }
  });
});

describe('CorpusService with a corpus snapshot', () => {
  const quiet = { info: () => undefined, error: () => undefined, warn: () => undefined };
  const service = (log: object = quiet) => new CorpusService({ contentDir: content, configDir: CONFIG, store, snapshotPath: path.join(dir, 'corpus.snapshot'), log: log as never });
  const newArticle = (id: string, speaker = 'Wayne Marotto') =>
    fs.writeFileSync(path.join(content, `${id}.md`), `---\nid: ${id}\ntitle: New\nlanguage: en\npublished: 2026-03-01\n---\n"Daesh cells remain a threat," Col. ${speaker} said on Sunday.\n`);

  it('a restart over unchanged files restores the saved corpus without reading the article cache', async () => {
    const first = service();
    expect(await first.load()).toMatchObject({ base: null, extracted: 5 });
    await first.flush();
    expect(fs.existsSync(path.join(dir, 'corpus.snapshot'))).toBe(true);
    // The article cache is not needed: a snapshot start does not read it.
    await store.pruneProcessed(new Set());
    const second = service();
    expect(await second.load()).toMatchObject({ base: 'snapshot', unchanged: 5, fromCache: 0, extracted: 0, articles: 5 });
    expect(quotesOf(second)).toEqual(quotesOf(first));
    const learned = (s: CorpusService) => s.current().registry.all().filter((x) => x.learned).map((x) => x.id);
    expect(learned(second)).toEqual(learned(first));
  });

  it('new files are added on top of the snapshot; a changed or deleted file means a rebuild', async () => {
    const first = service();
    await first.load();
    await first.flush();
    newArticle('zz-added');
    const second = service();
    expect(await second.load()).toMatchObject({ base: 'snapshot', unchanged: 5, extracted: 1, articles: 6 });
    expect(second.current().corpus.articleQuotes('zz-added')[0]).toMatchObject({ speaker: 'Wayne Marotto' });
    await second.flush();

    const [firstFile] = fs.readdirSync(content).sort();
    fs.appendFileSync(path.join(content, firstFile), '\n"We will stay," the spokesman said.\n');
    const third = service();
    expect(await third.load()).toMatchObject({ base: null, fromCache: 5, extracted: 1, articles: 6 });
    await third.flush();

    fs.rmSync(path.join(content, 'zz-added.md'));
    const fourth = service();
    expect(await fourth.load()).toMatchObject({ base: null, articles: 5 });
    expect(fourth.current().corpus.article('zz-added')).toBeUndefined();
    await fourth.flush();
  });

  it('a file touched but not changed still counts as unchanged', async () => {
    const first = service();
    await first.load();
    await first.flush();
    const [file] = fs.readdirSync(content).sort();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(content, file), later, later);
    expect(await service().load()).toMatchObject({ base: 'snapshot', unchanged: 5, extracted: 0 });
  });

  it('a snapshot of another content directory is not used', async () => {
    const first = service();
    await first.load();
    await first.flush();
    const moved = path.join(dir, 'moved');
    fs.renameSync(content, moved);
    const elsewhere = new CorpusService({ contentDir: moved, configDir: CONFIG, store, snapshotPath: path.join(dir, 'corpus.snapshot'), log: quiet as never });
    expect(await elsewhere.load()).toMatchObject({ base: null, fromCache: 5, articles: 5 });
    expect(elsewhere.current().corpus.articles().every((a) => a.path?.startsWith(moved))).toBe(true);
    fs.renameSync(moved, content);
  });

  it('after an upgrade, answers from the earlier version\'s snapshot at once and rebuilds on rescan', async () => {
    const first = service();
    await first.load();
    await first.flush();
    const before = quotesOf(first);
    // Another extractor (an edited config/ changes the fingerprint the same way).
    const snapshot = path.join(dir, 'corpus.snapshot');
    const saved = readCorpusSnapshot(snapshot, content)!;
    await saveCorpusSnapshot(snapshot, 'an-older-extractor', content, saved, Date.now() - 60_000);
    const upgraded = new CorpusService({ contentDir: content, configDir: CONFIG, store, snapshotPath: snapshot, serveStale: true, log: quiet as never });
    expect(await upgraded.load()).toMatchObject({ base: 'stale', articles: 5, extracted: 0 });
    expect(upgraded.stale).toBe(true);
    expect(quotesOf(upgraded)).toEqual(before);
    // The cache is keyed by extractor too: the rebuild extracts every article again.
    expect(await upgraded.rescan()).toMatchObject({ base: null, articles: 5 });
    expect(upgraded.stale).toBe(false);
    await upgraded.flush();
    expect(readCorpusSnapshot(snapshot, content)?.fingerprint).not.toBe('an-older-extractor');
    // Without serveStale the old snapshot is simply not used.
    await saveCorpusSnapshot(snapshot, 'an-older-extractor', content, saved, Date.now() - 60_000);
    expect(await service().load()).toMatchObject({ base: null, articles: 5 });
  });

  it('close() gives up a load in progress, keeping the corpus in use', async () => {
    for (let i = 0; i < 120; i++) fs.writeFileSync(path.join(content, `zz-${i}.md`), `---\nid: zz-${i}\ntitle: T\nlanguage: en\n---\n"We are here," Farhad Shami said of report ${i}.\n`);
    const s = new CorpusService({ contentDir: content, configDir: CONFIG, log: quiet as never });
    const loading = s.load();
    s.close();
    await expect(loading).rejects.toThrow(LoadAborted);
    expect(s.ready).toBe(false);
  });

  it('a damaged snapshot is reported and ignored; the next save replaces it', async () => {
    const snapshot = path.join(dir, 'corpus.snapshot');
    const first = service();
    await first.load();
    await first.flush();
    const bytes = fs.readFileSync(snapshot);
    fs.writeFileSync(snapshot, bytes.subarray(0, bytes.length >> 1));
    const warnings: string[] = [];
    const second = service({ ...quiet, warn: (o: { reason?: string }, m?: string) => void warnings.push(`${m} ${o.reason ?? ''}`) });
    expect(await second.load()).toMatchObject({ base: null, fromCache: 5, articles: 5 });
    expect(warnings.join('\n')).toMatch(/ignoring the corpus snapshot.*checksum/);
    await second.flush();
    expect(await service().load()).toMatchObject({ base: 'snapshot' });
  });

  it('a reload while running reads only the new file and keeps serving the old corpus until then', async () => {
    const running = service();
    await running.load();
    const before = running.current().corpus;
    newArticle('zz-live');
    const stats = await running.rescan();
    expect(stats).toMatchObject({ base: 'memory', unchanged: 5, extracted: 1, articles: 6 });
    expect(before.articleCount).toBe(5);
    expect(running.current().corpus.article('zz-live')).toBeDefined();
    await running.flush();
    // The snapshot saved after the reload has the new file.
    expect(await service().load()).toMatchObject({ base: 'snapshot', unchanged: 6, extracted: 0 });
  });
});
