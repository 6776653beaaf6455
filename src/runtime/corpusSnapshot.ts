/**
 * The built corpus saved to a local file, so a restart over an unchanged content/ restores the
 * index in one read instead of rebuilding it article by article from the Store's cache (at 100k
 * articles: ~1 s against ~20 s). The snapshot is only a cache: it is trusted when the
 * extraction fingerprint matches and every file it lists is unchanged; anything else falls back
 * to the per-article cache, which stays the source of truth.
 */
import path from 'node:path';
import { Corpus, type CorpusState } from '../core/corpus';
import type { LoadedCorpus } from '../core/loadCorpus';
import type { Speaker, SpeakerRegistry } from '../core/speakers/registry';
import { readSnapshotFile, SnapshotFormatError, writeSnapshotFile } from './snapshotFile';

const VERSION = 1;

/** What is known of one article file: how it looked when read, and the article id it gave. */
export interface FileState {
  mtimeMs: number;
  size: number;
  hash: string;
  id: string | null;
}

/** A built corpus and what it was built from. */
export interface CorpusBase {
  corpus: CorpusState;
  /** Absolute path → state. */
  files: Map<string, FileState>;
  /** The registry's learned speakers in the order they were learned (their ids depend on it). */
  learned: Array<[string, string, Speaker['kind']]>;
  errors: LoadedCorpus['errors'];
}

interface SnapshotData {
  version: number;
  fingerprint: string;
  /** Articles keep their file's absolute path: a snapshot of another content/ does not apply. */
  contentDir: string;
  /** [path relative to content/, mtimeMs, size, hash, id] */
  files: Array<[string, number, number, string, string | null]>;
  learned: CorpusBase['learned'];
  errors: LoadedCorpus['errors'];
  corpus: CorpusState;
}

export function learnedSpeakers(registry: SpeakerRegistry): CorpusBase['learned'] {
  return registry
    .all()
    .filter((s) => s.learned)
    .map((s) => [s.id, s.name, s.kind]);
}

/** Learns the base's speakers again; false when an id comes out different (the base is then unusable). */
export function relearn(registry: SpeakerRegistry, learned: CorpusBase['learned']): boolean {
  for (const [id, name, kind] of learned) {
    if (registry.get(id)?.learned) continue;
    if (registry.learn(name, kind).id !== id) return false;
  }
  return true;
}

export function baseOf(loaded: LoadedCorpus, files: Map<string, FileState>): CorpusBase {
  return { corpus: loaded.corpus.state(), files, learned: learnedSpeakers(loaded.registry), errors: loaded.errors };
}

/**
 * Files written within this long of the moment they were read may change again without their
 * mtime moving (coarse file-system clocks): they are re-hashed at the next start.
 */
const RACY_MS = 2000;

export async function saveCorpusSnapshot(file: string, fingerprint: string, contentDir: string, base: CorpusBase, readAt: number): Promise<number> {
  const data: SnapshotData = {
    version: VERSION,
    fingerprint,
    contentDir: path.resolve(contentDir),
    files: [...base.files].map(([p, s]) => [path.relative(contentDir, p), readAt - s.mtimeMs < RACY_MS ? -1 : s.mtimeMs, s.size, s.hash, s.id]),
    learned: base.learned,
    errors: base.errors.map((e) => ({ ...e, path: path.relative(contentDir, e.path) })),
    corpus: base.corpus,
  };
  return writeSnapshotFile(file, data as unknown as Record<string, unknown>);
}

/**
 * The snapshot in `file` for this content directory, with the fingerprint of the extractor that
 * built it; null when there is none or it was built from another directory. Throws
 * SnapshotFormatError on a damaged file.
 */
export function readCorpusSnapshot(file: string, contentDir: string): (CorpusBase & { fingerprint: string }) | null {
  const data = readSnapshotFile(file) as SnapshotData | null;
  if (!data) return null;
  if (data.version !== VERSION || !Array.isArray(data.files) || !data.corpus) throw new SnapshotFormatError(`unknown snapshot layout (version ${String(data.version)})`);
  if (data.contentDir !== path.resolve(contentDir)) return null;
  const files = new Map<string, FileState>();
  for (const [rel, mtimeMs, size, hash, id] of data.files) files.set(path.join(contentDir, rel), { mtimeMs, size, hash, id });
  const errors = data.errors.map((e) => ({ ...e, path: path.join(contentDir, e.path) }));
  return { corpus: data.corpus, files, learned: data.learned, errors, fingerprint: data.fingerprint };
}

export function corpusFromBase(base: CorpusBase): Corpus {
  return Corpus.fromState(base.corpus);
}
