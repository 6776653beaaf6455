/**
 * A consonant skeleton that sounds the same across Latin and Arabic script, so that
 * "Caggins", "Kagens" and "كاغينز" all become `KNS`, "Copsey", "Cobsey" and "كوبسي" `KPS`.
 *
 * Vowels are dropped (Arabic writes few of them and the press spells them freely), and
 * consonants that transliterators confuse share a class: k/c/q/g/kh/gh (ك ق غ خ),
 * b/p/f/v (ب ف پ ڤ), t/d/th/dh (ت ط د ض ث ذ), s/z (س ص ز ظ). Doubled classes collapse.
 */

const LATIN_DIGRAPHS: Array<[RegExp, string]> = [
  [/sch/g, 'X'],
  [/sh/g, 'X'],
  [/ch/g, 'X'],
  [/kh/g, 'K'],
  [/gh/g, 'K'],
  [/ph/g, 'P'],
  [/th/g, 'T'],
  [/dh/g, 'T'],
  [/dj/g, 'J'],
  [/zh/g, 'J'],
  [/ck/g, 'K'],
  [/ou/g, 'u'],
];

const LATIN_CLASS: Record<string, string> = {
  b: 'P', p: 'P', f: 'P', v: 'P',
  k: 'K', q: 'K', g: 'K', x: 'K',
  t: 'T', d: 'T',
  s: 'S', z: 'S',
  j: 'J',
  l: 'L', m: 'M', n: 'N', r: 'R', h: 'H',
  w: 'W', y: 'Y',
  X: 'X', K: 'K', P: 'P', T: 'T', J: 'J',
};

const ARABIC_CLASS: Record<string, string> = {
  'ب': 'P', 'ف': 'P', 'پ': 'P', 'ڤ': 'P', 'ڥ': 'P',
  'ك': 'K', 'ک': 'K', 'ق': 'K', 'غ': 'K', 'خ': 'K', 'گ': 'K',
  'ت': 'T', 'ط': 'T', 'د': 'T', 'ض': 'T', 'ث': 'T', 'ذ': 'T',
  'س': 'S', 'ص': 'S', 'ز': 'S', 'ظ': 'S',
  'ش': 'X', 'چ': 'X',
  'ج': 'J', 'ژ': 'J',
  'ل': 'L', 'م': 'M', 'ن': 'N', 'ر': 'R',
  'ح': 'H', 'ه': 'H',
  'و': 'W', 'ي': 'Y', 'ى': 'Y', 'ی': 'Y',
};

const ARABIC_VOWELISH = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ', 'ء', 'ئ', 'ؤ', 'ع', 'ة']);

function collapse(classes: string[]): string {
  let out = '';
  for (const c of classes) if (out[out.length - 1] !== c) out += c;
  return out;
}

function latinSkeleton(word: string): string {
  let w = word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  w = w.replace(/^(al|el)(?=[a-z]{3,})/, (m) => (KEEP_AL_PREFIX.test(w) ? m : ''));
  // A soft c (before e, i, y) sounds like s.
  w = w.replace(/c(?=[eiy])/g, 's').replace(/c/g, 'k');
  for (const [re, rep] of LATIN_DIGRAPHS) w = w.replace(re, rep);
  const classes: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const ch = w[i];
    // w and y are consonants only at the start of a word; elsewhere they spell vowels.
    if ((ch === 'w' || ch === 'y') && i > 0) continue;
    // A final h after a vowel is silent spelling ("Hamzah", "Fatah").
    if (ch === 'h' && i === w.length - 1 && i > 0) continue;
    const cls = LATIN_CLASS[ch];
    if (cls) classes.push(cls);
  }
  return collapse(classes);
}

// Latin names that genuinely start with "Al"/"El" (Alan, Elena, Allison …) keep it.
const KEEP_AL_PREFIX = /^(al(an|bert|ex|i$|ice|ina|ison|lan|len|lison|ma|van|yssa|fred)|el(i|la|le|len|ena|ias|ijah|iot|liot|mer|sa|ton|vis|lis))/;

function arabicSkeleton(word: string): string {
  let w = word.replace(/[\u0610-\u061a\u064b-\u065f\u0670\u0640]/g, '');
  // The definite article is not part of the name's sound: البغدادي ~ al-Baghdadi ~ Baghdadi.
  if (w.length > 4 && w.startsWith('ال')) w = w.slice(2);
  const classes: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const ch = w[i];
    if (ARABIC_VOWELISH.has(ch)) continue;
    // و and ي start a syllable at the beginning of a word, otherwise they are long vowels.
    if ((ch === 'و' || ch === 'ي' || ch === 'ى' || ch === 'ی') && i > 0) continue;
    const cls = ARABIC_CLASS[ch];
    if (cls) classes.push(cls);
  }
  return collapse(classes);
}

const ARABIC_CHAR = /[\u0600-\u06ff]/;

/** The sound skeleton of one name word, in either script. */
export function skeleton(word: string): string {
  return ARABIC_CHAR.test(word) ? arabicSkeleton(word) : latinSkeleton(word);
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
