/**
 * Character classes by code, for the scanners that run over every character of every article:
 * a comparison per character instead of a Unicode-property regex.
 */

const OTHER_LETTER = /[\p{L}\p{M}\p{N}]/u;

/** A letter, combining mark or digit, in any script. */
export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  if (c >= 0x0600 && c <= 0x06ff) {
    // Arabic punctuation is not part of a word: ، ؛ ؟ ٪ ٫ ٬ ۔ and the Arabic full stop.
    return !(c === 0x060c || c === 0x061b || c === 0x061f || c === 0x066a || c === 0x066b || c === 0x066c || c === 0x06d4 || c === 0x060d);
  }
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb || c === 0x2014 || c === 0x2013 || c === 0xa0) return false;
  return OTHER_LETTER.test(String.fromCharCode(c));
}

export function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x200f || c === 0x200e || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x0c || c === 0x0b;
}

/** End of the word starting at `i`: letters and digits, with inner apostrophes, hyphens and dots (al-Assad, U.S.). */
export function scanWordEnd(text: string, i: number, hi: number): number {
  let j = i + 1;
  for (; j < hi; j++) {
    const c = text.charCodeAt(j);
    if (!isWordCode(c) && c !== 0x27 && c !== 0x2019 && c !== 0x2d && c !== 0x2e) break;
  }
  return j;
}

/** Index of the first element of a sorted array that is >= x. */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
