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
  // A quotation that ends with a full stop and is followed by a capitalised word ends its sentence: `… over." He added`.
  const quotationEnd = (q: Range) => {
    if (q.end - 1 < lo || q.end > hi || q.end <= start) return;
    if (/[.!?؟]["”’»]*$/.test(text.slice(q.start, q.end).trimEnd()) && /^\s[A-Z"“]/.test(text.slice(q.end, q.end + 2))) push(q.end);
  };
  // Only line breaks and sentence punctuation can end a sentence: jump from one to the next.
  const CANDIDATE = /[\n.!?؟…]/g;
  let i = lo;
  while (i < hi) {
    CANDIDATE.lastIndex = i;
    const m = CANDIDATE.exec(text);
    const at = m && m.index < hi ? m.index : hi;
    while (k < sortedOpaque.length && sortedOpaque[k].end <= at) quotationEnd(sortedOpaque[k++]);
    if (at >= hi) break;
    const inside = k < sortedOpaque.length && sortedOpaque[k].start <= at && at < sortedOpaque[k].end;
    const c = text[at];
    i = at + 1;
    if (inside) continue;
    if (c === '\n') {
      push(at + 1);
      continue;
    }
    let j = at + 1;
    while (j < hi && /[.!?؟…"”’»)\]]/.test(text[j]) && !isOpaqueStart(sortedOpaque, j)) j++;
    if (j < hi && !/\s/.test(text[j])) continue;
    if (c === '.' && endsWithAbbreviation(text, at)) {
      // "U.S. forces": an abbreviation followed by a lower-case word (or a name) stays in the sentence.
      const next = text.slice(j).match(/^\s+(\S)/);
      if (!next || !/[A-Z"“]/.test(next[1]) || isTitleAbbreviation(text, at)) continue;
    }
    if (c === '.' && /\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? '')) continue;
    push(j);
    i = j;
  }
  while (k < sortedOpaque.length) quotationEnd(sortedOpaque[k++]);
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
