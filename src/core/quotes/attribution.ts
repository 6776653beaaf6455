import type { Speaker } from '../speakers/registry';
import { type Mention } from './mentions';
import { isArabicSpeechVerb, type SpeechVerb } from './frames';

/**
 * What the attribution stages share: the people an article names, how sure an attribution
 * is, and the word lists that tell a person from a body.
 */
/** Someone the article names: a directory speaker, or a new person keyed by their name. */
export interface PersonRef {
  key: string;
  display: string;
  speaker?: Speaker;
  /** Sound of the surname, to link a later bare surname to this person. */
  surname: string;
  /** An unnamed source ("a U.S. official"): shown by description, never learned as a person. */
  anonymous?: { head: string };
  /** Set when the article says so (a feminine title: "spokeswoman", "الرئيسة المشتركة"). */
  gender?: 'f' | 'm';
}

export interface Attribution {
  mention: Mention | null;
  person: PersonRef | null;
  confidence: number;
}

export const CONF = { source: 0.6, name: 0.95, newName: 0.85, role: 0.85, roleRegistry: 0.75, pronoun: 0.8, implied: 0.75, carried: 0.55, none: 0.2 };
export const EN_PREPOSITIONS = /(?:^|\s)(?:of|with|to|from|by|for|about|against|on|in|at|between|among|and|both|including|like|than|towards?|under|over|into|after|before|met|meeting|called|named|blessed|congratulated|thanked|asked)\s+(?:the\s+|a\s+)?$/i;
// Compared with folded words: إلى folds to الي.
export const AR_PREPOSITIONS = new Set(['مع', 'عن', 'الى', 'الي', 'إلى', 'على', 'من', 'بحضور', 'لقاء', 'التقى', 'استقبل', 'بين', 'ضد', 'حول', 'مثل', 'و']);

/** A body, not a person, speaking after a quotation: `"…," the statement said`, `"…," the ministry added`. */
export const BODY_AFTER_QUOTE = /^[\s,”"’»]*(?:the|a|an|its|their)\s+(?:[\p{L}.'’-]+\s+){0,3}(?:statement|ministry|embassy|command|council|government|office|agency|military|army|coalition|forces|group|organi[sz]ation|department|administration|report|communiqu[eé]|channel|network|monitor|observatory)\s+(?:said|says|added|stated|noted|reported|announced|wrote|read|continued)\b/iu;

/** Feminine job titles in either language: "spokeswoman", "chairwoman", "الرئيسة", "المتحدثة", "مديرة". */
export const FEMININE_TITLE = /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|stateswoman)\b|(?:^|\s)(?:ال)?(?:رئيسة|متحدثة|ناطقة|مسؤولة|مديرة|نائبة|وزيرة|قائدة|عضوة|سفيرة|مبعوثة|منسقة)(?:\s|$)/;

/** A feminine Arabic verb form: past "قالت", "أضافت", present "تقول", "تضيف". */
export function arabicVerbIsFeminine(word: string): boolean {
  const w = word.replace(/^[وف](?=.{3})/, '');
  return (/ت$/.test(w) && isArabicSpeechVerb(w.slice(0, -1)) !== null) || (/^ت/.test(w) && isArabicSpeechVerb('ي' + w.slice(1)) !== null);
}

export interface Frame {
  attribution: Attribution;
  partial: boolean;
  /** A reporting verb or speaker stands right next to the quotation. */
  adjacent: boolean;
  verb: SpeechVerb | null;
  /** The reporting verb's subject is a body, not a person. */
  organization?: boolean;
}
