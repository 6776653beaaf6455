/**
 * The running bot's corpus: loaded from content/ at start-up (extraction results come from the
 * Store's cache when the file is unchanged), kept current while the bot runs (new files are
 * added, changed or deleted ones trigger a rebuild), and asked "what arrived between A and B"
 * by scheduled digests. An article arrives when its file was last written.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { listArticleFiles } from '../core/articles/store';
import { ArticleFormatError, parseArticleText } from '../core/articles/frontMatter';
import { Corpus } from '../core/corpus';
import type { DigestSource } from '../core/digest/buildDigest';
import type { LoadedCorpus } from '../core/loadCorpus';
import { processArticle, type ProcessedArticle } from '../core/pipeline';
import { SpeakerRegistry } from '../core/speakers/registry';
import { Vocabulary } from '../core/speakers/vocabulary';
import type { Article } from '../core/types';
import type { ProcessedRecord, Store } from '../store/store';
import { baseOf, corpusFromBase, readCorpusSnapshot, relearn, saveCorpusSnapshot, type CorpusBase, type FileState } from './corpusSnapshot';
import { articleHash, decodeProcessed, encodeProcessed, extractionFingerprint } from './processedCache';
import { SnapshotFormatError } from './snapshotFile';

export interface CorpusServiceOptions {
  contentDir: string;
  configDir: string;
  store?: Store;
  /** Where the built corpus is saved for the next start (see corpusSnapshot.ts); none when unset. */
  snapshotPath?: string;
  /**
   * At the first load, when the snapshot was built by another extractor (an upgrade, an edited
   * config/), answer from it at once and let `rescan()` extract again in the background, instead
   * of answering nothing until every article is extracted.
   */
  serveStale?: boolean;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface LoadStats {
  files: number;
  articles: number;
  quotes: number;
  /** Articles taken as they were from the snapshot or, on a reload, from the corpus in memory. */
  unchanged: number;
  /** Where the unchanged articles came from; 'stale': a snapshot of another extractor, served until `rescan()` rebuilds. */
  base: 'snapshot' | 'memory' | 'stale' | null;
  fromCache: number;
  extracted: number;
  errors: number;
  ms: number;
}

/** A load given up because the service was closed (the bot is stopping). */
export class LoadAborted extends Error {
  constructor() {
    super('the corpus service was closed while loading');
    this.name = 'LoadAborted';
  }
}

const CACHE_BATCH = 500;
/** Articles extracted between two turns of the event loop (~50 ms of work). */
const EXTRACT_SLICE = 50;

export class CorpusService {
  private loaded: LoadedCorpus | null = null;
  private files = new Map<string, FileState>();
  /** Article id → when it arrived (ms since epoch). */
  private arrivals = new Map<string, number>();
  private fingerprint: string | null = null;
  private watcher: fs.FSWatcher | null = null;
  private rescanning: Promise<LoadStats | null> | null = null;
  private rescanAgain = false;
  private debounce: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Bumped on every swap, so readers can tell the corpus changed. */
  generation = 0;
  /** The corpus in use was built by another extractor (see `serveStale`). */
  stale = false;
  private closed = false;

  constructor(private readonly options: CorpusServiceOptions) {}

  current(): LoadedCorpus {
    if (!this.loaded) throw new Error('the corpus is still loading');
    return this.loaded;
  }

  get ready(): boolean {
    return this.loaded !== null;
  }

  arrivedAt(articleId: string): number | undefined {
    return this.arrivals.get(articleId);
  }

  /** The articles that arrived in [start, end), as a digest source. */
  arrivedBetween(start: Date, end: Date): DigestSource {
    const { corpus } = this.current();
    const ids = [...this.arrivals].filter(([, t]) => t >= start.getTime() && t < end.getTime()).map(([id]) => id);
    const articles = (): Article[] => ids.map((id) => corpus.article(id)).filter((a): a is Article => !!a);
    return { articles, articleQuotes: (id) => corpus.articleQuotes(id) };
  }

  /** Reads everything (first load) or whatever changed since the last look. */
  async load(): Promise<LoadStats> {
    if (!this.loaded && this.options.serveStale) {
      const stale = this.loadStale();
      if (stale) return stale;
    }
    return this.build();
  }

  /** The snapshot of another extractor as the corpus in use, or null when there is none. */
  private loadStale(): LoadStats | null {
    const started = Date.now();
    const { configDir, snapshotPath, log } = this.options;
    if (!snapshotPath) return null;
    this.fingerprint ??= extractionFingerprint(configDir);
    const snapshot = this.snapshotForFirstLoad();
    if (!snapshot || snapshot.fingerprint === this.fingerprint) return null;
    const registry = SpeakerRegistry.load(path.join(configDir, 'speakers.yaml'), path.join(configDir, 'roles.yaml'));
    if (!relearn(registry, snapshot.learned)) return null;
    const corpus = corpusFromBase(snapshot);
    this.loaded = { corpus, registry, vocabulary: Vocabulary.load(configDir), errors: snapshot.errors };
    this.files = snapshot.files;
    this.arrivals = new Map([...snapshot.files].filter(([, s]) => s.id !== null).map(([, s]) => [s.id as string, s.mtimeMs]));
    this.stale = true;
    this.generation++;
    log?.warn({ snapshotPath }, 'the extractor or config/ changed: answering from the corpus saved by the earlier version while every article is extracted again');
    return { files: snapshot.files.size, articles: corpus.articleCount, quotes: corpus.quoteCount, unchanged: snapshot.files.size, base: 'stale', fromCache: 0, extracted: 0, errors: snapshot.errors.length, ms: Date.now() - started };
  }

  private snapshotRead = false;
  private snapshot: ReturnType<typeof readCorpusSnapshot> = null;

  /**
   * The snapshot file for the first load, read once (hundreds of MB with a checksum): both the
   * stale path and the first build look at it. A damaged file is reported and taken as none.
   */
  private snapshotForFirstLoad(): ReturnType<typeof readCorpusSnapshot> {
    const { snapshotPath, contentDir, log } = this.options;
    if (this.snapshotRead || !snapshotPath) return this.snapshot;
    this.snapshotRead = true;
    try {
      this.snapshot = readCorpusSnapshot(snapshotPath, contentDir);
    } catch (e) {
      if (!(e instanceof SnapshotFormatError) && (e as NodeJS.ErrnoException).code === undefined) throw e;
      log?.warn({ snapshotPath, reason: (e as Error).message }, 'ignoring the corpus snapshot; rebuilding from the article cache');
    }
    return this.snapshot;
  }

  private async build(): Promise<LoadStats> {
    const started = Date.now();
    const { configDir, contentDir, store, log } = this.options;
    this.fingerprint ??= extractionFingerprint(configDir);
    const registry = SpeakerRegistry.load(path.join(configDir, 'speakers.yaml'), path.join(configDir, 'roles.yaml'));
    const vocabulary = Vocabulary.load(configDir);
    const errors: LoadedCorpus['errors'] = [];
    let paths: string[] = [];
    try {
      paths = listArticleFiles(contentDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      log?.warn({ contentDir }, 'content directory does not exist: starting with no articles');
    }
    const files = new Map<string, FileState>();
    const seen = new Map<string, string>();
    const fresh: ProcessedRecord[] = [];
    const pending: Array<{ file: string; text: string; article: Article; hash: string }> = [];
    const hashes: string[] = [];
    let fromCache = 0;
    // Unchanged articles come as a block, from the corpus in memory or the snapshot, when no
    // file was changed or removed; only new files are then read.
    const start = this.base(paths, registry);
    const corpus = start ? corpusFromBase(start.base) : new Corpus();
    const listedFiles = paths.length;
    if (start) {
      for (const [file, state] of start.base.files) {
        files.set(file, state);
        if (state.id !== null) {
          seen.set(state.id, file);
          hashes.push(state.hash);
        }
      }
      errors.push(...start.base.errors);
      paths = start.added;
    }
    const claimId = (file: string, id: string, state: FileState): boolean => {
      const first = seen.get(id);
      if (first) {
        errors.push({ path: file, message: `${file}: duplicate id "${id}", already used by ${first}` });
        return false;
      }
      seen.set(id, file);
      state.id = id;
      return true;
    };
    const add = (file: string, processed: ProcessedArticle) => {
      try {
        corpus.add(processed);
      } catch (e) {
        errors.push({ path: file, message: (e as Error).message });
      }
    };
    // Cached articles are rebuilt batch by batch as they are read, so only the files that need
    // extracting are held in memory; their front matter is not even parsed again.
    for (let i = 0; i < paths.length; i += CACHE_BATCH) {
      const batch: Array<{ file: string; text: string; hash: string; state: FileState }> = [];
      for (const file of paths.slice(i, i + CACHE_BATCH)) {
        try {
          const stat = fs.statSync(file);
          const bytes = fs.readFileSync(file);
          const hash = articleHash(this.fingerprint, bytes);
          const state: FileState = { mtimeMs: stat.mtimeMs, size: stat.size, hash, id: null };
          files.set(file, state);
          batch.push({ file, text: bytes.toString('utf8'), hash, state });
        } catch (e) {
          errors.push({ path: file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        }
      }
      const cached = store ? await this.cachedRecords(store, batch.map((r) => r.hash)) : new Map<string, ProcessedRecord>();
      for (const r of batch) {
        const hit = cached.get(r.hash);
        const restored = hit ? decodeProcessed(hit.payload, r.text, registry) : null;
        if (restored) {
          restored.article.path = r.file;
          if (!claimId(r.file, restored.article.id, r.state)) continue;
          add(r.file, restored);
          hashes.push(r.hash);
          fromCache++;
          continue;
        }
        let article: Article;
        try {
          article = parseArticleText(r.text, r.file);
        } catch (e) {
          if (!(e instanceof ArticleFormatError)) throw e;
          errors.push({ path: r.file, message: e.message });
          continue;
        }
        if (claimId(r.file, article.id, r.state)) pending.push({ file: r.file, text: r.text, article, hash: r.hash });
      }
      if (paths.length > 5000 && (i / CACHE_BATCH) % 20 === 19) log?.info({ done: i + batch.length, total: paths.length }, 'loading articles');
    }
    // A stable order makes learned speakers and their ids the same on every run.
    pending.sort((a, b) => (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
    for (let i = 0; i < pending.length; i++) {
      const r = pending[i];
      const processed = processArticle(r.article, registry, vocabulary);
      fresh.push({ hash: r.hash, articleId: r.article.id, payload: encodeProcessed(processed, registry, r.text) });
      hashes.push(r.hash);
      add(r.file, processed);
      // Extracting thousands of articles (a new extractor) must not stall the bot's commands.
      if (i % EXTRACT_SLICE === EXTRACT_SLICE - 1) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.closed) throw new LoadAborted();
        if (pending.length > 5000 && i % (EXTRACT_SLICE * 25) === EXTRACT_SLICE * 25 - 1) log?.info({ done: i + 1, total: pending.length }, 'extracting articles');
      }
    }
    corpus.refresh();
    if (store && fresh.length) {
      try {
        for (let i = 0; i < fresh.length; i += CACHE_BATCH) await store.putProcessed(fresh.slice(i, i + CACHE_BATCH));
        await store.pruneProcessed(new Set(hashes));
      } catch (e) {
        // The cache only saves time: a store outage must not keep the bot from answering.
        log?.warn({ err: e }, 'could not save extraction results to the store; they will be recomputed next start');
      }
    }
    const previous = this.arrivals;
    const arrivals = new Map<string, number>();
    for (const [file, state] of files) {
      if (state.id === null) continue;
      const before = previous.get(state.id);
      arrivals.set(state.id, before !== undefined && this.files.get(file)?.hash === state.hash ? before : state.mtimeMs);
    }
    this.loaded = { corpus, registry, vocabulary, errors };
    this.files = files;
    this.arrivals = arrivals;
    this.stale = false;
    this.generation++;
    for (const e of errors) log?.warn({ path: e.path }, `skipped article: ${e.message}`);
    if (!start || start.from === 'memory' || start.added.length > 0) this.saveSnapshot(this.loaded, files, started);
    return {
      files: listedFiles,
      articles: corpus.articleCount,
      quotes: corpus.quoteCount,
      unchanged: start ? start.base.files.size : 0,
      base: start?.from ?? null,
      fromCache,
      extracted: fresh.length,
      errors: errors.length,
      ms: Date.now() - started,
    };
  }

  /**
   * What this load can start from: the corpus in memory (a reload) or the snapshot (first load),
   * when every file it was built from is still there unchanged; then only `added` need reading.
   */
  private base(paths: string[], registry: SpeakerRegistry): { base: CorpusBase; from: 'snapshot' | 'memory'; added: string[] } | null {
    let snapshot: CorpusBase | null = null;
    if (!this.loaded) {
      const read = this.snapshotForFirstLoad();
      if (read && read.fingerprint === this.fingerprint) snapshot = read;
    }
    // Only the first load uses it: the file's buffer is not held any longer than the corpus needs it.
    this.snapshot = null;
    // A corpus of another extractor is no base: every article is read again.
    if (this.stale) return null;
    const known = snapshot?.files ?? (this.loaded ? this.files : null);
    if (!known) return null;
    const added: string[] = [];
    const listed = new Set<string>();
    for (const file of paths) {
      listed.add(file);
      const state = known.get(file);
      if (!state) added.push(file);
      else if (!this.unchanged(file, state)) return null;
    }
    for (const file of known.keys()) if (!listed.has(file)) return null;
    // Built only now that it is known to be usable: it costs a pass over the whole index.
    const base = snapshot ?? baseOf(this.loaded as LoadedCorpus, known);
    if (!relearn(registry, base.learned)) return null;
    // Errors of files that were not read are the new files' to report again.
    base.errors = base.errors.filter((e) => known.has(e.path));
    return { base, from: snapshot ? 'snapshot' : 'memory', added };
  }

  /** Same size and mtime as when read; a racy or touched file is re-hashed instead. */
  private unchanged(file: string, known: FileState): boolean {
    try {
      const st = fs.statSync(file);
      if (st.size !== known.size) return false;
      if (st.mtimeMs === known.mtimeMs) return true;
      const same = articleHash(this.fingerprint as string, fs.readFileSync(file)) === known.hash;
      if (same) known.mtimeMs = st.mtimeMs;
      return same;
    } catch {
      return false;
    }
  }

  /** Saves the corpus for the next start, in the background and one save at a time. */
  private saveSnapshot(loaded: LoadedCorpus, files: Map<string, FileState>, readAt: number): void {
    const { snapshotPath, contentDir, log } = this.options;
    if (!snapshotPath) return;
    const fingerprint = this.fingerprint as string;
    this.saving = this.saving.then(async () => {
      // A newer load supersedes this one: only the corpus in use is worth saving.
      if (this.loaded !== loaded) return;
      const t = Date.now();
      try {
        const bytes = await saveCorpusSnapshot(snapshotPath, fingerprint, contentDir, baseOf(loaded, files), readAt);
        log?.info({ snapshotPath, mb: Math.round(bytes / 1e5) / 10, ms: Date.now() - t }, 'corpus snapshot saved');
      } catch (e) {
        log?.warn({ err: e, snapshotPath }, 'could not save the corpus snapshot; the next start rebuilds from the article cache');
      }
    });
  }

  /** Resolves when snapshot saves started so far have finished. */
  flush(): Promise<void> {
    return this.saving;
  }

  private async cachedRecords(store: Store, hashes: string[]): Promise<Map<string, ProcessedRecord>> {
    try {
      return await store.getProcessed(hashes);
    } catch (e) {
      this.options.log?.warn({ err: e }, 'could not read cached extraction results; extracting again');
      return new Map();
    }
  }

  /** True when a file was added, changed or removed since the last load. */
  changed(): boolean {
    let paths: string[];
    try {
      paths = listArticleFiles(this.options.contentDir);
    } catch {
      paths = [];
    }
    if (paths.length !== this.files.size) return true;
    for (const p of paths) {
      const known = this.files.get(p);
      if (!known) return true;
      try {
        const st = fs.statSync(p);
        if (st.mtimeMs !== known.mtimeMs || st.size !== known.size) return true;
      } catch {
        return true;
      }
    }
    return false;
  }

  /** Reloads when something changed; concurrent calls share one reload. */
  async rescan(): Promise<LoadStats | null> {
    if (this.rescanning) {
      this.rescanAgain = true;
      return this.rescanning;
    }
    this.rescanning = (async () => {
      let stats: LoadStats | null = null;
      do {
        this.rescanAgain = false;
        if (this.stale || this.changed()) {
          stats = await this.build();
          this.options.log?.info(stats, 'content changed: corpus reloaded');
        }
      } while (this.rescanAgain);
      return stats;
    })().finally(() => {
      this.rescanning = null;
    });
    return this.rescanning;
  }

  /** Watches content/ and reloads shortly after files stop changing. */
  watch(debounceMs = 500): void {
    if (this.watcher) return;
    try {
      fs.mkdirSync(this.options.contentDir, { recursive: true });
      this.watcher = fs.watch(this.options.contentDir, { recursive: true }, () => {
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = setTimeout(() => {
          this.debounce = null;
          this.rescan().catch((e: unknown) => this.options.log?.error({ err: e }, 'reloading content failed'));
        }, debounceMs);
      });
      this.watcher.on('error', (e) => this.options.log?.warn({ err: e }, 'watching content stopped'));
    } catch (e) {
      this.options.log?.warn({ err: e }, 'cannot watch the content directory; new articles are read at the next start');
    }
  }

  /** Stops watching and gives up a load in progress (it throws LoadAborted); the corpus in use stays. */
  close(): void {
    this.closed = true;
    this.unwatch();
  }

  unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
  }
}
