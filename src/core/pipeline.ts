import type { Article, Language, PartialDate, Quote } from './types';
import { extractQuotes } from './quotes/extract';
import type { SpeakerRegistry } from './speakers/registry';
import type { Vocabulary } from './speakers/vocabulary';
import { analyseRawText, maskChrome, type RawAnalysis } from './articles/clean';
import type { OutletRules } from './articles/outletRules';

/** An article with the quotes found in its body. */
export interface ProcessedArticle {
  article: Article;
  quotes: Quote[];
}

export interface PipelineTools {
  registry: SpeakerRegistry;
  vocabulary?: Vocabulary;
  rules: OutletRules;
}

export function processArticle(article: Article, registry: SpeakerRegistry, vocabulary?: Vocabulary): ProcessedArticle {
  const quotes = extractQuotes(article.body, {
    language: article.language,
    published: article.published,
    registry,
    vocabulary,
  });
  return { article, quotes };
}

export interface RawExtraction {
  analysis: RawAnalysis;
  quotes: Quote[];
}

/**
 * Quotes in a raw article page (site clutter and all): the clutter is blanked rather than
 * cut, so every offset points into `raw` as given.
 */
export function extractFromRaw(raw: string, tools: PipelineTools, overrides: { language?: Language; published?: PartialDate } = {}): RawExtraction {
  const analysis = analyseRawText(raw, tools.rules);
  // The headline stays readable: headlines carry quotations too ("'We remain committed' …").
  const masked = maskChrome(raw, analysis, { keepTitle: true });
  const quotes = extractQuotes(masked, {
    language: overrides.language ?? analysis.language,
    published: overrides.published ?? analysis.published,
    registry: tools.registry,
    vocabulary: tools.vocabulary,
  }).map((q) => ({ ...q, text: raw.slice(q.start, q.end) }));
  return { analysis, quotes };
}
