import path from 'node:path';
import { Corpus } from './corpus';
import { SpeakerRegistry, configDir as defaultConfigDir } from './speakers/registry';
import { Vocabulary } from './speakers/vocabulary';
import { loadContentDir } from './articles/store';
import { processArticle } from './pipeline';

export interface LoadedCorpus {
  corpus: Corpus;
  registry: SpeakerRegistry;
  vocabulary: Vocabulary;
  /** Article files that could not be read, each with the reason. */
  errors: Array<{ path: string; message: string }>;
}

export interface LoadOptions {
  contentDir?: string;
  configDir?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Reads the stored articles and builds the queryable corpus: articles, quotes and speakers. */
export function loadCorpus(options: LoadOptions = {}): LoadedCorpus {
  const dir = options.configDir ?? defaultConfigDir();
  const registry = SpeakerRegistry.load(path.join(dir, 'speakers.yaml'), path.join(dir, 'roles.yaml'));
  const vocabulary = Vocabulary.load(dir);
  const { articles, errors } = loadContentDir(options.contentDir ?? 'content');
  const corpus = new Corpus();
  // A stable order makes learned speakers and their ids the same on every run.
  const ordered = [...articles].sort((a, b) => a.id.localeCompare(b.id));
  ordered.forEach((article, i) => {
    corpus.add(processArticle(article, registry, vocabulary));
    options.onProgress?.(i + 1, ordered.length);
  });
  return { corpus, registry, vocabulary, errors: errors.map((e) => ({ path: e.path, message: e.message })) };
}
