/**
 * Finds quoted spans in news text. Real articles use straight and curly marks, «guillemets»,
 * Arabic text with reversed (” … ”), doubled (””) and unbalanced marks, and quotations that
 * run across paragraphs. Curly-mark orientation is unreliable (Arabic outlets often open with
 * ”), so each mark is judged by what stands on either side of it and the marks of a
 * paragraph are paired by the cheapest consistent reading.
 */

export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark, or the end of the content when unclosed. */
  close: number;
  /** Content range: the words inside the marks, trimmed of spaces. */
  start: number;
  end: number;
  closed: boolean;
  /** The span continues a quotation from an earlier paragraph. */
  continues: boolean;
}

const DOUBLE_MARKS = new Set(['"', '“', '”', '„', '‟', '″', '＂']);
const SINGLE_MARKS = new Set(['‘', '’', "'", '‚']);

type Look = 'open' | 'close' | 'either';

interface Mark {
  /** First and last+1 index of the run of marks (doubled marks count as one). */
  at: number;
  to: number;
  look: Look;
  /** Glyph hint: 1 for an opening-shaped mark in Latin text, -1 for closing, 0 none. */
  hint: number;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const OPENERS_BEFORE = new Set(['(', '[', '{', ':', '—', '–', '-', '،', ',', '/']);

function lookOf(text: string, at: number, to: number, lo: number, hi: number): Look {
  const before = at > lo ? text[at - 1] : undefined;
  const after = to < hi ? text[to] : undefined;
  const spaceBefore = isSpace(before) || OPENERS_BEFORE.has(before!) ;
  const spaceAfter = isSpace(after) || /[.,;:!?،؛؟)\]}…\-–—]/.test(after!);
  if (spaceBefore && !spaceAfter && isWordChar(after)) return 'open';
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  return 'either';
}

/** Costs of reading a mark against its look; chosen so that plain alternation wins ties. */
const MISMATCH = 2;
const SKIP = 3.5;
const UNCLOSED = 1.5;

interface Reading {
  cost: number;
  /** Pairs of mark indexes; close -1 for a quote left open at the paragraph end. */
  pairs: Array<[number, number]>;
}

/** Pairs the double marks of one paragraph by dynamic programming over in/out states. */
function pairParagraph(marks: Mark[], latin: boolean, continuesNext: boolean): Reading {
  // best[state] after processing marks[0..i): state 0 = outside, 1 = inside (with opener index)
  let out: Reading & { openAt: number } = { cost: 0, pairs: [], openAt: -1 };
  let inside: (Reading & { openAt: number }) | null = null;
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    const openCost = (m.look === 'close' ? MISMATCH : 0) + (latin && m.hint < 0 && m.look !== 'open' ? 0.5 : 0);
    const closeCost = (m.look === 'open' ? MISMATCH : 0) + (latin && m.hint > 0 && m.look !== 'close' ? 0.5 : 0);
    const candidatesOut: Array<Reading & { openAt: number }> = [{ ...out, cost: out.cost + SKIP }];
    const candidatesIn: Array<Reading & { openAt: number }> = [];
    candidatesIn.push({ cost: out.cost + openCost, pairs: out.pairs, openAt: i });
    if (inside) {
      candidatesOut.push({ cost: inside.cost + closeCost, pairs: [...inside.pairs, [inside.openAt, i]], openAt: -1 });
      candidatesIn.push({ ...inside, cost: inside.cost + SKIP });
    }
    out = candidatesOut.reduce((a, b) => (b.cost < a.cost ? b : a));
    inside = candidatesIn.reduce((a, b) => (b.cost < a.cost ? b : a));
  }
  if (inside) {
    const endCost = inside.cost + (continuesNext ? 0 : UNCLOSED);
    if (endCost < out.cost) return { cost: endCost, pairs: [...inside.pairs, [inside.openAt, -1]] };
  }
  return out;
}

interface Paragraph {
  lo: number;
  hi: number;
}

function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].trim()) out.push({ lo: m.index, hi: m.index + m[0].length });
  }
  return out;
}

const DOUBLE_MARK_RE = /["“”„‟″＂]/g;

function collectMarks(text: string, p: Paragraph, set: ReadonlySet<string>): Mark[] {
  const marks: Mark[] = [];
  // Marks are rare: jump from one to the next instead of testing every character.
  DOUBLE_MARK_RE.lastIndex = p.lo;
  let m: RegExpExecArray | null;
  while ((m = DOUBLE_MARK_RE.exec(text)) && m.index < p.hi) {
    const i = m.index;
    let j = i + 1;
    // Doubled marks (””) and marks separated only by a space (" “) read as one.
    while (j < p.hi && (set.has(text[j]) || (text[j] === ' ' && set.has(text[j + 1] ?? '') && j + 1 < p.hi))) j++;
    const glyph = text[i];
    const hint = glyph === '“' || glyph === '„' || glyph === '‘' ? 1 : glyph === '”' || glyph === '’' ? -1 : 0;
    marks.push({ at: i, to: j, look: lookOf(text, i, j, p.lo, p.hi), hint });
    DOUBLE_MARK_RE.lastIndex = j;
  }
  return marks;
}

function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

function guillemetSpans(text: string, p: Paragraph): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const first = text.indexOf('«', p.lo);
  if (first < 0 || first >= p.hi) return spans;
  const stack: number[] = [];
  for (let i = p.lo; i < p.hi; i++) {
    if (text[i] === '«') stack.push(i);
    else if (text[i] === '»' && stack.length) {
      const o = stack.pop()!;
      if (stack.length === 0) spans.push([o, i + 1]);
    }
  }
  if (stack.length) spans.push([stack[0], -1]);
  return spans;
}

/** Single-quote spans: only where no double marks are used, and never across apostrophes. */
function singleSpans(text: string, p: Paragraph): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/['‘’‚]/.test(text.slice(p.lo, p.hi))) return spans;
  let i = p.lo;
  while (i < p.hi) {
    const c = text[i];
    if (SINGLE_MARKS.has(c) && (i === p.lo || isSpace(text[i - 1]) || OPENERS_BEFORE.has(text[i - 1])) && isWordChar(text[i + 1])) {
      for (let j = i + 2; j < p.hi; j++) {
        const d = text[j];
        if (!SINGLE_MARKS.has(d) || d === '‘') continue;
        const before = text[j - 1];
        const after = text[j + 1];
        if (isWordChar(after)) continue; // apostrophe inside a word: don't, coalition’s
        // "fighters' resistance": a plural possessive, unless punctuation follows it.
        if (before === 's' && isSpace(after) && j + 1 < p.hi && !/[.,;:!?]/.test(before)) continue;
        if (isSpace(before)) continue;
        const words = text.slice(i + 1, j).trim().split(/\s+/).length;
        if (words >= 2) spans.push([i, j + 1]);
        i = j;
        break;
      }
    }
    i++;
  }
  return spans;
}

export function findQuotedSpans(text: string): QuotedSpan[] {
  const hasGuillemets = text.includes('«');
  const paras = paragraphs(text);
  const spans: QuotedSpan[] = [];
  let carry: { open: number; start: number } | null = null;

  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    const latin = !/[\u0600-\u06ff]/.test(text.slice(p.lo, p.hi));
    const marks = collectMarks(text, p, DOUBLE_MARKS);
    const next = paras[pi + 1];
    const nextStartsWithMark = !!next && DOUBLE_MARKS.has(text[next.lo]) ;

    // A quotation carried over from the previous paragraph continues only if this one opens with a mark.
    if (carry && !(marks.length && marks[0].at === p.lo)) {
      const prev = paras[pi - 1];
      const [s, e] = trimRange(text, carry.start, prev.hi);
      spans.push({ open: carry.open, close: prev.hi, start: s, end: e, closed: false, continues: false });
      carry = null;
    }

    let localMarks = marks;
    let continuing: { open: number; start: number } | null = null;
    if (carry) {
      // The opening mark of a continued paragraph belongs to the quotation already open.
      continuing = carry;
      localMarks = marks.slice(1);
      carry = null;
    }

    if (continuing) {
      // Inside a running quotation: its closing mark is the first mark that can close.
      const closeIdx = localMarks.findIndex((m) => m.look !== 'open');
      if (closeIdx >= 0) {
        const m = localMarks[closeIdx];
        const [s, e] = trimRange(text, continuing.start, m.at);
        spans.push({ open: continuing.open, close: m.to, start: s, end: e, closed: true, continues: true });
        localMarks = localMarks.slice(closeIdx + 1);
      } else if (nextStartsWithMark && localMarks.length === 0) {
        carry = continuing;
        continue;
      } else {
        const [s, e] = trimRange(text, continuing.start, p.hi);
        spans.push({ open: continuing.open, close: p.hi, start: s, end: e, closed: false, continues: true });
      }
    }

    const reading = pairParagraph(localMarks, latin, nextStartsWithMark);
    for (const [a, b] of reading.pairs) {
      const o = localMarks[a];
      if (b < 0) {
        if (nextStartsWithMark) {
          carry = { open: o.at, start: o.to };
        } else {
          const [s, e] = trimRange(text, o.to, p.hi);
          if (e > s) spans.push({ open: o.at, close: p.hi, start: s, end: e, closed: false, continues: false });
        }
        continue;
      }
      const c = localMarks[b];
      const [s, e] = trimRange(text, o.to, c.at);
      if (e > s) spans.push({ open: o.at, close: c.to, start: s, end: e, closed: true, continues: false });
    }

    const covered = (i: number) => spans.some((sp) => i >= sp.open && i < sp.close);
    for (const [o, c] of hasGuillemets ? guillemetSpans(text, p) : []) {
      if (covered(o)) continue;
      const close = c < 0 ? p.hi : c;
      const [s, e] = trimRange(text, o + 1, c < 0 ? p.hi : c - 1);
      if (e > s) spans.push({ open: o, close, start: s, end: e, closed: c >= 0, continues: false });
    }
    if (marks.length === 0) {
      for (const [o, c] of singleSpans(text, p)) {
        if (covered(o)) continue;
        const [s, e] = trimRange(text, o + 1, c - 1);
        if (e > s) spans.push({ open: o, close: c, start: s, end: e, closed: true, continues: false });
      }
    }
  }
  if (carry) {
    const last = paras[paras.length - 1];
    const [s, e] = trimRange(text, carry.start, last.hi);
    spans.push({ open: carry.open, close: last.hi, start: s, end: e, closed: false, continues: false });
  }
  return spans.sort((a, b) => a.open - b.open);
}
