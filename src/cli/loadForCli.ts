import { loadCorpus, type LoadedCorpus } from '../core/loadCorpus';
import type { CliIo } from './io';

/** The stored articles of a content directory, with unreadable files reported as warnings. */
export function loadForCli(content: string, io: CliIo): LoadedCorpus {
  const loaded = loadCorpus({ contentDir: content });
  for (const e of loaded.errors) io.err(`warning: skipped ${e.path}: ${e.message}`);
  return loaded;
}
