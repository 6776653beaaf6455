/**
 * Words as small integers, and the reading of a text's content words straight into them.
 *
 * Term vectors become typed arrays (a fraction of the memory of a Map per article) and
 * document frequencies a dense array indexed by term. Reading is the costly part of a cold digest:
 * `contentWords` makes a string per word and folds it; here each distinct run of word
 * characters, exactly as written, is folded once and remembered with the ids it gives, so a
 * word seen before costs a hash and a comparison.
 */
import { isWordCode } from '../text/chars';
import { tokens } from '../text/normalize';
import { contentTokens } from './features';

const EMPTY = -1;
/** A run that folds into several words (rare: NFKC can split one); its ids are in `multiple`. */
const SEVERAL = -2;
/** A run that gives no content word (stop words, short words, numbers). */
const NONE = -3;

export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];

  // Runs as written → what they give: an open-addressing table over parallel arrays.
  private slots: Int32Array = new Int32Array(1 << 12).fill(EMPTY);
  private readonly runs: string[] = [];
  private runHash: Int32Array = new Int32Array(1024);
  /** A term id, NONE or SEVERAL. */
  private runTerm: Int32Array = new Int32Array(1024);
  private readonly multiple = new Map<number, number[]>();

  /** Occurrences per term while one text is counted; all zero between texts. */
  private counting = new Uint32Array(1024);

  /** Distinct content words. */
  get size(): number {
    return this.words.length;
  }

  /** Distinct runs read, as written (case variants, stop words): what the reading table holds. */
  get runCount(): number {
    return this.runs.length;
  }

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      // Tokens can be slices of a whole article: an own copy does not keep the article alive.
      const own = ownCopy(word);
      this.ids.set(own, id);
      this.words.push(own);
    }
    return id;
  }

  word(id: number): string {
    return this.words[id];
  }

  /**
   * The distinct content words of `text` in order of first occurrence, with how often each
   * occurs (16-bit counts when they fit: they are most of what a cached article holds).
   */
  countContentWords(text: string): { terms: Int32Array; counts: Uint16Array | Uint32Array } {
    const order: number[] = [];
    let most = 1;
    this.forEachContentWord(text, (id) => {
      if (id >= this.counting.length) {
        const larger = new Uint32Array(Math.max(id + 1, this.counting.length * 2));
        larger.set(this.counting);
        this.counting = larger;
      }
      const n = ++this.counting[id];
      if (n === 1) order.push(id);
      else if (n > most) most = n;
    });
    const counts = most <= 0xffff ? new Uint16Array(order.length) : new Uint32Array(order.length);
    for (let i = 0; i < order.length; i++) {
      counts[i] = this.counting[order[i]];
      this.counting[order[i]] = 0;
    }
    return { terms: Int32Array.from(order), counts };
  }

  /** Calls `visit` with the id of each of `contentWords(text)`, in order. */
  forEachContentWord(text: string, visit: (id: number) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (!inRun(c)) {
        i++;
        continue;
      }
      let h = 0x811c9dc5;
      let digits = true;
      let j = i;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        digits &&= c >= 0x30 && c <= 0x39;
        if (++j >= n) break;
        c = text.charCodeAt(j);
      } while (inRun(c));
      // A bare number is never a content word; not remembering each one keeps the table small.
      if (digits) {
        i = j;
        continue;
      }
      const run = this.findRun(text, i, j, h);
      const term = this.runTerm[run];
      if (term >= 0) visit(term);
      else if (term === SEVERAL) for (const t of this.multiple.get(run)!) visit(t);
      i = j;
    }
  }

  private findRun(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const r = this.slots[slot];
      if (r === EMPTY) return this.addRun(text.slice(start, end), hash, slot);
      if (this.runHash[r] === hash && sameText(this.runs[r], text, start, end)) return r;
    }
  }

  private addRun(run: string, hash: number, slot: number): number {
    const r = this.runs.length;
    // A run is one word of `tokens` unless folding splits it: its content words, computed once.
    const terms = contentTokens(tokens(run)).map((w) => this.id(w));
    this.runs.push(ownCopy(run));
    if (r === this.runHash.length) {
      this.runHash = grow(this.runHash);
      this.runTerm = grow(this.runTerm);
    }
    this.runHash[r] = hash;
    this.runTerm[r] = terms.length === 0 ? NONE : terms.length === 1 ? terms[0] : SEVERAL;
    if (terms.length > 1) this.multiple.set(r, terms);
    this.slots[slot] = r;
    if (this.runs.length * 2 > this.slots.length) this.rehash();
    return r;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let r = 0; r < this.runs.length; r++) {
      let slot = this.runHash[r] & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = r;
    }
  }
}

/** ASCII codes that are part of a run, looked up rather than tested: most characters are ASCII. */
const ASCII_RUN = Uint8Array.from({ length: 0x80 }, (_, c) => (isWordCode(c) || c === 0x5f ? 1 : 0));

/** The runs `tokens` reads: letters, marks, digits and underscores. */
function inRun(c: number): boolean {
  return c < 0x80 ? ASCII_RUN[c] === 1 : isWordCode(c);
}

function sameText(run: string, text: string, start: number, end: number): boolean {
  if (run.length !== end - start) return false;
  for (let k = 0; k < run.length; k++) if (run.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** A copy that shares no memory with the string it was sliced from. */
export function ownCopy(s: string): string {
  return (' ' + s).slice(1);
}
