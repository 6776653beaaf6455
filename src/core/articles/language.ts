import type { Language } from '../types';

// Arabic articles carry Latin-script names, acronyms and site banners ("NORTH PULSE NETWORK NPN",
// "SDF"), so a text counts as Arabic well before Arabic letters are a majority.
const ARABIC_SHARE = 0.4;
// Below this many letters there is too little text to tell; the caller's fallback wins.
const MIN_LETTERS = 20;

function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06d3) ||
    (c >= 0x06fa && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08ff) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

function isLatinLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Counts Arabic and Latin letters (other scripts are ignored). */
export function countScriptLetters(text: string): { arabic: number; latin: number } {
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (isLatinLetter(c)) latin++;
    } else if (isArabicLetter(c)) arabic++;
    else if (isLatinLetter(c)) latin++;
  }
  return { arabic, latin };
}

/** The language that letter counts point to: `ar` when Arabic letters are a good share, else `en`. */
export function languageOfLetters(counts: { arabic: number; latin: number }, fallback: Language = 'en'): Language {
  const { arabic, latin } = counts;
  if (arabic + latin < MIN_LETTERS) return arabic > latin ? 'ar' : fallback;
  return arabic / (arabic + latin) >= ARABIC_SHARE ? 'ar' : 'en';
}

/** `ar` when Arabic letters make up a good share of the letters, `en` otherwise (or `fallback` when there are hardly any). */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  return languageOfLetters(countScriptLetters(text), fallback);
}
