/** Languages the extractor understands. */
export type Language = 'en' | 'ar';

/**
 * A date as precise as the source says: `2020-03-06` (day), `2020-03` (month) or `2020` (year).
 * Keeping the precision avoids inventing a day that no source gave.
 */
export interface PartialDate {
  value: string;
  precision: 'day' | 'month' | 'year';
}

/** A stored article: metadata from front matter over a verbatim body. */
export interface Article {
  id: string;
  title: string;
  outlet?: string;
  published?: PartialDate;
  language: Language;
  url?: string;
  /** The story text; quote offsets refer to this string. */
  body: string;
  /** Where the article was read from, when it came from a file. */
  path?: string;
}

export type QuoteKind = 'direct' | 'partial' | 'indirect';

/** A quotation or piece of reported speech found in a text. */
export interface Quote {
  /** Text exactly as it stands at [start, end) in the source text. */
  text: string;
  start: number;
  end: number;
  kind: QuoteKind;
  /** How the text names the speaker nearest the quote ("He", "Kagens", "كوبسي"). */
  mention: string | null;
  /** Canonical speaker id (registry id or a learned one), or null when nobody could be named. */
  speakerId: string | null;
  /** Canonical display name of the speaker. */
  speaker: string | null;
  /** 0..1: how sure the attribution is. */
  confidence: number;
}
