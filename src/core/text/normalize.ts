import { isWordCode } from './chars';

/**
 * Text folding shared by search, speaker matching and evaluation: the same rules as the
 * referee scorer (NFKC, Arabic diacritics and tatweel dropped, alef/ya/ta-marbuta folded,
 * Eastern Arabic digits to ASCII, lower case).
 */
const ARABIC_DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي',
};
const FOLD_RE = /[أإآٱىةؤئ]/g;
const DIGITS_RE = /[٠-٩۰-۹]/g;

// Words repeat endlessly in news text: folding each distinct short string once pays off.
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 50_000;

export function foldText(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  if (text.length <= 32) {
    const hit = foldCache.get(text);
    if (hit !== undefined) return hit;
    const folded = foldUncached(text);
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(text, folded);
    return folded;
  }
  return foldUncached(text);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function foldUncached(text: string): string {
  // Plain ASCII needs only lower-casing; NFKC and the Arabic rules are costly.
  if (isAscii(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .replace(ARABIC_DIACRITICS, '')
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(DIGITS_RE, (c) => String((c.charCodeAt(0) - (c >= '۰' ? 0x06f0 : 0x0660))))
    .toLowerCase();
}

/** Word tokens of folded text (letters, marks and digits of any script). */
export function tokens(text: string): string[] {
  // Word by word: each distinct word is folded once (cached), instead of folding whole bodies.
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordCode(c) && c !== 0x5f) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (!isWordCode(d) && d !== 0x5f) break;
      j++;
    }
    const folded = foldText(text.slice(i, j));
    let whole = folded.length > 0;
    for (let k = 0; whole && k < folded.length; k++) {
      const d = folded.charCodeAt(k);
      whole = isWordCode(d) || d === 0x5f;
    }
    if (whole) out.push(folded);
    else {
      // Folding can leave nothing (a lone tatweel) or, rarely, split a word (NFKC).
      const parts = folded.match(/[\p{L}\p{M}\p{N}_]+/gu);
      if (parts) for (const p of parts) out.push(p);
    }
    i = j;
  }
  return out;
}

export const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
