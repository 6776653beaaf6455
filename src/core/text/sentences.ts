/**
 * Sentence boundaries for news text in English and Arabic. Abbreviations common in the
 * press ("U.S.", "Lt. Gen.", initials) do not end a sentence; full stops inside quotations
 * can be made opaque by passing the quoted spans.
 */

const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'u.n', 'e.u', 'u.a.e', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd',
  'vs', 'etc', 'e.g', 'i.e', 'lt', 'gen', 'col', 'maj', 'brig', 'capt', 'sgt', 'adm', 'cpl', 'pvt', 'cmdr', 'cdr', 'rep',
  'sen', 'gov', 'pres', 'prof', 'rev', 'hon', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'mt', 'ft', 'approx', 'dept', 'est', 'fig', 'govt', 'intl', 'natl', 'pp', 'vol', 'op', 'al',
]);

export interface Range {
  start: number;
  end: number;
}

function endsWithAbbreviation(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && /[\p{L}.]/u.test(text[i])) i--;
  const word = text.slice(i + 1, dot).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital letter is an initial: "Myles B. Caggins".
  if (/^[a-z]$/.test(word) && /[A-Z]/.test(text[dot - 1])) return true;
  // Dotted acronyms: "U.S.", "D.C."
  if (/^([a-z]\.)+[a-z]$/.test(word)) return true;
  return false;
}

/**
 * Splits `text[lo, hi)` into sentences. Offsets inside `opaque` ranges never end a sentence
 * (a quotation is part of the sentence that frames it), but a quotation that ends with a
 * full stop and is followed by a capitalised word does.
 */
export function splitSentences(text: string, lo = 0, hi = text.length, opaque: Range[] = []): Range[] {
  const out: Range[] = [];
  let start = lo;
  let k = 0;
  const sortedOpaque = [...opaque].sort((a, b) => a.start - b.start);
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end;
  };
  for (let i = lo; i < hi; i++) {
    while (k < sortedOpaque.length && sortedOpaque[k].end <= i) k++;
    const inside = k < sortedOpaque.length && sortedOpaque[k].start <= i && i < sortedOpaque[k].end;
    const c = text[i];
    if (c === '\n') {
      if (!inside) push(i + 1);
      continue;
    }
    if (inside) {
      // The end of a quotation that closes a sentence: `… over." He added`.
      const q = sortedOpaque[k];
      if (i === q.end - 1 && /[.!?؟]["”’»]*$/.test(text.slice(q.start, q.end).trimEnd().replace(/["”“’»]+$/, (m) => m))) {
        const rest = text.slice(i + 1, i + 3);
        if (/^\s[A-Z"“]/.test(rest)) push(i + 1);
      }
      continue;
    }
    if (c === '.' || c === '!' || c === '?' || c === '؟' || c === '…') {
      let j = i + 1;
      while (j < hi && /[.!?؟…"”’»)\]]/.test(text[j]) && !isOpaqueStart(sortedOpaque, j)) j++;
      if (j < hi && !/\s/.test(text[j])) continue;
      if (c === '.' && endsWithAbbreviation(text, i)) {
        // "U.S. forces": an abbreviation followed by a lower-case word (or a name) stays in the sentence.
        const next = text.slice(j).match(/^\s+(\S)/);
        if (!next || !/[A-Z"“]/.test(next[1]) || isTitleAbbreviation(text, i)) continue;
      }
      if (c === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
      push(j);
      i = j - 1;
    }
  }
  push(hi);
  return out;
}

function isOpaqueStart(opaque: Range[], i: number): boolean {
  return opaque.some((r) => r.start === i);
}

const TITLE_ABBR = new Set(['mr', 'mrs', 'ms', 'dr', 'lt', 'gen', 'col', 'maj', 'brig', 'capt', 'sgt', 'adm', 'cpl', 'pvt', 'cmdr', 'cdr', 'rep', 'sen', 'gov', 'pres', 'prof', 'rev', 'hon', 'st', 'no', 'u.s', 'u.k', 'u.n']);

function isTitleAbbreviation(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && /[\p{L}.]/u.test(text[i])) i--;
  const word = text.slice(i + 1, dot).toLowerCase();
  return TITLE_ABBR.has(word) || /^[a-z]$/.test(word);
}
