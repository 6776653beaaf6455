/**
 * The indexed, queryable collection the commands read: articles and the quotes found in them.
 *
 * Layout, chosen so that a million quotes stay cheap:
 * - Quotes are stored column-wise in growable typed arrays (article, offsets, kind, speaker…).
 *   Quote text is never copied: it is sliced from the article body on demand (the offsets refer
 *   to the body); only a quote whose text differs from its body slice keeps its own string.
 * - Bodies are kept as UTF-8, deflated, packed in shared chunks, and decoded when asked for.
 *   V8 stores any string holding a character above U+00FF (Arabic, or just a curly quote) at two
 *   bytes a character; deflated UTF-8 takes 2–3 times less than UTF-8 and 3–5 times less than
 *   such strings, and bodies are the bulk of the memory. Inflating a body costs ~15 µs, paid
 *   only for the articles a reply quotes.
 *   `article(id)` returns a fresh object each time. `{ compress: false }` keeps plain UTF-8.
 * - Every query answer is "newest first", so quotes get a rank in that order and every posting
 *   list (keyword → quotes, speaker → quotes) holds ranks sorted ascending. The first `limit`
 *   entries of a list are then the answer, and AND-ing lists is a merge of sorted arrays.
 * - Adding is cheap and batched: new quotes are appended to the lists unsorted; the ranks are
 *   recomputed and the touched lists re-sorted by `refresh()`, which queries call when needed.
 *
 * Partial dates: an article dated `2020` or `2020-03` stands for its whole period. A date filter
 * keeps a quote when its period overlaps the asked range (so `2020` is inside `since 2020-03-01`:
 * it may be). Undated articles never pass a date filter and sort after all dated ones. Ordering
 * uses the start of the period: `2020` sorts as 2020-01-01 (after a longer period on a tie).
 */
import type { Article, Language, PartialDate, Quote, QuoteKind } from './types';
import type { ProcessedArticle } from './pipeline';
import zlib from 'node:zlib';
import { ARABIC_LETTER, tokens } from './text/normalize';

/** A stored quote with the article facts a reply needs. `id` is `${articleId}:${start}`. */
export interface CorpusQuote extends Quote {
  id: string;
  articleId: string;
  language: Language;
  published?: PartialDate;
  outlet?: string;
  title: string;
}

export interface QueryOptions {
  speakerId?: string;
  /** Keywords: every word must occur in the quote (folded); the last word also matches as a prefix. */
  search?: string;
  /** Inclusive; a partial date means its whole period (`2020-03` = from 2020-03-01). */
  since?: PartialDate | string;
  /** Inclusive; a partial date means its whole period (`2020-03` = up to 2020-03-31). */
  until?: PartialDate | string;
  lang?: Language;
  /** Page size, DEFAULT_QUERY_LIMIT when omitted. */
  limit?: number;
  offset?: number;
}

export interface QueryResult {
  /** How many quotes match, before paging. */
  total: number;
  quotes: CorpusQuote[];
}

export interface SpeakerStats {
  id: string;
  name: string | null;
  quotes: number;
  /** Distinct articles quoting the speaker. */
  articles: number;
  /** Those articles' ids, newest first. */
  articleIds: string[];
  /** Dates of the oldest and newest dated articles quoting the speaker. */
  first?: PartialDate;
  last?: PartialDate;
  languages: Record<Language, number>;
}

export const DEFAULT_QUERY_LIMIT = 20;

const KINDS: readonly QuoteKind[] = ['direct', 'partial', 'indirect'];
const LANGUAGES: readonly Language[] = ['en', 'ar'];
/** Sort key of undated articles: below every real day number. */
const UNDATED = -0x80000000;
/** The longest period a partial date can stand for (a leap year), minus its first day. */
const LONGEST_PERIOD_DAYS = 365;
/** Unions of keyword lists larger than this become a bitset instead of a sorted array. */
const BITSET_UNION_MIN = 2048;
/** `add` refreshes by itself once this many quotes are pending (and they are ≥ 1/4 of all). */
const AUTO_REFRESH_MIN = 65_536;
/** Bitsets a query may take from the reusable pool (one per search word, one for AND). */
const SCRATCH_BITSETS = 8;

// ---------------------------------------------------------------------------------------------
// Dates

const DATE_RE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

function dayNumber(y: number, m: number, d: number): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.floor(t.getTime() / 86_400_000);
}

/** The first and last day (days since 1970-01-01) a partial date stands for, or null if unreadable. */
export function datePeriod(date: PartialDate | string): [number, number] | null {
  const value = typeof date === 'string' ? date.trim() : date.value;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  let month = m[2] === undefined ? undefined : Number(m[2]);
  let day = m[3] === undefined ? undefined : Number(m[3]);
  // A PartialDate's declared precision wins over extra digits in its value.
  if (typeof date !== 'string') {
    if (date.precision === 'year') month = day = undefined;
    else if (date.precision === 'month') day = undefined;
  }
  if (month === undefined) return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
  if (month < 1 || month > 12) return null;
  if (day === undefined) return [dayNumber(y, month, 1), dayNumber(y, month + 1, 1) - 1];
  const n = dayNumber(y, month, day);
  // Date.UTC rolls 2020-02-31 over into March: refuse it rather than guess.
  if (day < 1 || n >= dayNumber(y, month + 1, 1)) return null;
  return [n, n];
}

// ---------------------------------------------------------------------------------------------
// Growable typed columns

type NumberArray = Uint8Array | Int32Array | Uint32Array | Float32Array;

/** Growth factor of typed arrays: 1.5 rather than 2 keeps the unused tail (and the peak) smaller. */
const GROWTH = 1.5;

/** A typed array that grows geometrically: columns cost 1–8 bytes a quote, not a JS object each. */
class Column<T extends NumberArray> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, Math.ceil(this.data.length * GROWTH)));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** Gives back the growth slack (after a bulk load; the next push grows again). */
  trim(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length) as T;
  }

  /** The filled part, for a snapshot. */
  values(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** A column holding `values` (a restored snapshot's view; the next push copies it). */
  static of<T extends NumberArray>(values: T, make: (n: number) => T): Column<T> {
    const column = new Column(values, make);
    column.length = values.length;
    return column;
  }
}

const makeU8 = (n: number) => new Uint8Array(n);
const makeI32 = (n: number) => new Int32Array(n);
const makeU32 = (n: number) => new Uint32Array(n);
const makeF32 = (n: number) => new Float32Array(n);
const u8 = (from?: Uint8Array) => (from ? Column.of(from, makeU8) : new Column(makeU8(16), makeU8));
const i32 = (from?: Int32Array) => (from ? Column.of(from, makeI32) : new Column(makeI32(16), makeI32));
const u32 = (from?: Uint32Array) => (from ? Column.of(from, makeU32) : new Column(makeU32(16), makeU32));
const f32 = (from?: Float32Array) => (from ? Column.of(from, makeF32) : new Column(makeF32(16), makeF32));

// ---------------------------------------------------------------------------------------------
// Bitsets over ranks

/** Set bits of a 32-bit word. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

function popcount(bits: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) n += popcount32(bits[w]);
  return n;
}

function setBit(bits: Uint32Array, r: number): void {
  bits[r >>> 5] |= 1 << (r & 31);
}

function hasBit(bits: Uint32Array, r: number): boolean {
  return (bits[r >>> 5] & (1 << (r & 31))) !== 0;
}

/** Calls `f` with every set bit in ascending order, from `from` on, until it returns false. */
function eachBit(bits: Uint32Array, f: (r: number) => boolean | void, from = 0): void {
  for (let w = from >>> 5; w < bits.length; w++) {
    let x = bits[w];
    while (x !== 0) {
      const low = x & -x;
      const r = (w << 5) + 31 - Math.clz32(low);
      x ^= low;
      if (r >= from && f(r) === false) return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Posting lists

/** A list starts as a plain array (rare words are the majority) and becomes typed when it grows. */
type PostingList = number[] | Uint32Array;
const SMALL_LIST_MAX = 16;
/**
 * A key in more than 1/32 of the quotes is cheaper as a bitset (N/8 bytes) than as a list
 * (4 bytes a quote); it goes back to a list below 1/64, so sizes near the line do not flip.
 * Small corpora keep lists only.
 */
const DENSE_MIN_QUOTES = 4096;

/** A key's matches: ranks sorted ascending, or a bitset over ranks with its population. */
export type Postings = { list: ArrayLike<number> } | { bits: Uint32Array; count: number };

/**
 * key → quotes, as ranks (newest first = 0) once refreshed. Between refreshes a list is a
 * sorted prefix of ranks followed by a tail of newly added quote indices; a dense key keeps a
 * bitset of ranks and a tail.
 */
/** A refreshed PostingIndex as flat arrays: every key's list, then the dense keys' bitsets. */
export interface PostingState {
  keys: string[];
  /** End of each key's list in `lists` (a dense key's is empty). */
  listEnds: Uint32Array;
  lists: Uint32Array;
  bitKeys: Uint32Array;
  bitCounts: Uint32Array;
  bitEnds: Uint32Array;
  bits: Uint32Array;
}

class PostingIndex {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly lists: PostingList[] = [];
  private readonly lengths: number[] = [];
  private readonly sortedLengths: number[] = [];
  private readonly bitsets: (Uint32Array | null)[] = [];
  private readonly bitCounts: number[] = [];
  private sortedKeys: string[] | null = null;

  /** Valid only right after `remap` (no unsorted tails): Corpus.state() refreshes first. */
  state(): PostingState {
    const n = this.keys.length;
    const listEnds = new Uint32Array(n);
    let total = 0;
    let bitWords = 0;
    let dense = 0;
    for (let id = 0; id < n; id++) {
      total += this.lengths[id];
      listEnds[id] = total;
      const bits = this.bitsets[id];
      if (bits) {
        dense++;
        bitWords += bits.length;
      }
    }
    const lists = new Uint32Array(total);
    const bitKeys = new Uint32Array(dense);
    const bitCounts = new Uint32Array(dense);
    const bitEnds = new Uint32Array(dense);
    const allBits = new Uint32Array(bitWords);
    let d = 0;
    let w = 0;
    for (let id = 0; id < n; id++) {
      const list = this.lists[id];
      const start = listEnds[id] - this.lengths[id];
      for (let i = 0; i < this.lengths[id]; i++) lists[start + i] = list[i];
      const bits = this.bitsets[id];
      if (bits) {
        bitKeys[d] = id;
        bitCounts[d] = this.bitCounts[id];
        allBits.set(bits, w);
        w += bits.length;
        bitEnds[d++] = w;
      }
    }
    return { keys: this.keys, listEnds, lists, bitKeys, bitCounts, bitEnds, bits: allBits };
  }

  static fromState(state: PostingState): PostingIndex {
    const index = new PostingIndex();
    const { keys, listEnds, lists } = state;
    for (let id = 0; id < keys.length; id++) {
      index.ids.set(keys[id], id);
      index.keys.push(keys[id]);
      const start = id === 0 ? 0 : listEnds[id - 1];
      const length = listEnds[id] - start;
      // Short lists as plain arrays, as `add` makes them; longer ones are views that `add` copies before growing.
      index.lists.push(length <= SMALL_LIST_MAX ? Array.from(lists.subarray(start, listEnds[id])) : lists.subarray(start, listEnds[id]));
      index.lengths.push(length);
      index.sortedLengths.push(length);
      index.bitsets.push(null);
      index.bitCounts.push(0);
    }
    for (let d = 0; d < state.bitKeys.length; d++) {
      const id = state.bitKeys[d];
      index.bitsets[id] = state.bits.subarray(d === 0 ? 0 : state.bitEnds[d - 1], state.bitEnds[d]);
      index.bitCounts[id] = state.bitCounts[d];
    }
    return index;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Appends a quote to a key's list; adding the same quote twice in a row is a no-op. */
  add(key: string, quote: number): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.lists.push([quote]);
      this.lengths.push(1);
      this.sortedLengths.push(0);
      this.bitsets.push(null);
      this.bitCounts.push(0);
      this.sortedKeys = null;
      return;
    }
    const n = this.lengths[id];
    let list = this.lists[id];
    if (n > this.sortedLengths[id] && list[n - 1] === quote) return;
    if (Array.isArray(list)) {
      if (n < SMALL_LIST_MAX) {
        list.push(quote);
        this.lengths[id] = n + 1;
        return;
      }
      list = Uint32Array.from(list);
    }
    if (n === list.length) {
      const grown = new Uint32Array(Math.ceil(n * GROWTH));
      grown.set(list);
      list = grown;
    }
    list[n] = quote;
    this.lists[id] = list;
    this.lengths[id] = n + 1;
  }

  /** A key's postings (valid after `remap`), or undefined for an unknown key. */
  get(key: string): Postings | undefined {
    const id = this.ids.get(key);
    if (id === undefined) return undefined;
    const bits = this.bitsets[id];
    if (bits) return { bits, count: this.bitCounts[id] };
    const list = this.lists[id];
    return { list: Array.isArray(list) ? list : list.subarray(0, this.lengths[id]) };
  }

  /** How many quotes a key has (valid after `remap`). */
  count(key: string): number {
    const id = this.ids.get(key);
    if (id === undefined) return 0;
    return this.bitsets[id] ? this.bitCounts[id] : this.lengths[id];
  }

  /** Bytes held by lists and bitsets (typed capacity, or 8 a slot for small plain arrays). */
  get bytes(): number {
    let total = 0;
    for (const list of this.lists) total += Array.isArray(list) ? 8 * list.length : list.byteLength;
    for (const bits of this.bitsets) total += bits?.byteLength ?? 0;
    return total;
  }

  /** Keys starting with `prefix`, via a sorted key list rebuilt only when keys were added. */
  keysWithPrefix(prefix: string): string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.keys].sort();
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(keys[i]);
    return out;
  }

  /**
   * Brings every key into rank order after quotes were added. `oldToNew` maps the ranks of the
   * previous refresh to the new ones (null when they did not move); tails map through `rank`.
   * `total` is the number of quotes, which decides between lists and bitsets.
   */
  remap(oldToNew: Uint32Array | null, rank: Uint32Array, total: number): void {
    const words = (total + 31) >>> 5;
    const dense = total >= DENSE_MIN_QUOTES;
    for (let id = 0; id < this.lists.length; id++) {
      if (this.bitsets[id]) this.remapBits(id, oldToNew, rank, words, total);
      else this.remapList(id, oldToNew, rank, dense ? total : Infinity);
    }
  }

  private remapList(id: number, oldToNew: Uint32Array | null, rank: Uint32Array, total: number): void {
    const list = this.lists[id];
    const n = this.lengths[id];
    const s = this.sortedLengths[id];
    if (oldToNew) for (let i = 0; i < s; i++) list[i] = oldToNew[list[i]];
    if (n === s) return;
    if (n * 32 > total) {
      const bits = new Uint32Array((total + 31) >>> 5);
      for (let i = 0; i < s; i++) setBit(bits, list[i]);
      for (let i = s; i < n; i++) setBit(bits, rank[list[i]]);
      this.toBits(id, bits, n);
      return;
    }
    for (let i = s; i < n; i++) list[i] = rank[list[i]];
    sortTail(list, s, n);
    if (s > 0 && list[s] < list[s - 1]) mergeTail(list, s, n);
    this.sortedLengths[id] = n;
    // Drop the growth slack: most lists stop growing, and at 1M quotes it is tens of MB.
    if (!Array.isArray(list) && list.length > n) this.lists[id] = list.slice(0, n);
  }

  private remapBits(id: number, oldToNew: Uint32Array | null, rank: Uint32Array, words: number, total: number): void {
    let bits = this.bitsets[id] as Uint32Array;
    if (oldToNew) {
      const moved = new Uint32Array(words);
      eachBit(bits, (r) => setBit(moved, oldToNew[r]));
      bits = moved;
    } else if (bits.length < words) {
      const grown = new Uint32Array(words);
      grown.set(bits);
      bits = grown;
    }
    const tail = this.lists[id];
    for (let i = 0; i < this.lengths[id]; i++) setBit(bits, rank[tail[i]]);
    const count = popcount(bits);
    if (count * 64 >= total) {
      this.toBits(id, bits, count);
      return;
    }
    // No longer dense: back to a sorted list.
    const list = new Uint32Array(count);
    let k = 0;
    eachBit(bits, (r) => {
      list[k++] = r;
    });
    this.bitsets[id] = null;
    this.bitCounts[id] = 0;
    this.lists[id] = list;
    this.lengths[id] = count;
    this.sortedLengths[id] = count;
  }

  private toBits(id: number, bits: Uint32Array, count: number): void {
    this.bitsets[id] = bits;
    this.bitCounts[id] = count;
    this.lists[id] = [];
    this.lengths[id] = 0;
    this.sortedLengths[id] = 0;
  }
}

function sortTail(list: PostingList, from: number, to: number): void {
  if (Array.isArray(list)) {
    const tail = list.slice(from, to).sort((a, b) => a - b);
    for (let i = 0; i < tail.length; i++) list[from + i] = tail[i];
  } else {
    list.subarray(from, to).sort();
  }
}

/** Merges the sorted tail [s, n) into the sorted prefix [0, s), in place, from the back. */
function mergeTail(list: PostingList, s: number, n: number): void {
  const tail = list.slice(s, n);
  let i = s - 1;
  let j = tail.length - 1;
  let k = n - 1;
  while (j >= 0) list[k--] = i >= 0 && list[i] > tail[j] ? list[i--] : tail[j--];
}

// ---------------------------------------------------------------------------------------------
// Keyword matching

/**
 * Arabic writes conjunctions, prepositions and the article onto the word: a search for التحالف
 * should find والتحالف and للتحالف. Rather than index every stripped form (memory), the query
 * word is expanded to the attached forms, and only those present in the index are read.
 */
const ARABIC_CLITICS = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل'];

export function arabicVariants(word: string): string[] {
  if (!ARABIC_LETTER.test(word)) return [word];
  const out = new Set<string>();
  const stems = [word];
  // A bare word may also occur with the article: تحالف → التحالف.
  if (!word.startsWith('ال') && word.length >= 3) stems.push('ال' + word);
  for (const stem of stems) {
    for (const c of ARABIC_CLITICS) out.add(c + stem);
    // ل + ال is written لل: للتحالف.
    if (stem.startsWith('ال')) for (const c of ['', 'و', 'ف']) out.add(c + 'ل' + stem.slice(1));
  }
  return [...out];
}

/** The union of several keys' postings (a query word's forms): a merged list, or a bitset when large. */
function unionPostings(parts: Postings[], zeroedBits: () => Uint32Array): Postings {
  if (parts.length === 1) return parts[0];
  let total = 0;
  let anyBits = false;
  for (const p of parts) {
    if ('bits' in p) anyBits = true;
    else total += p.list.length;
  }
  if (anyBits || total >= BITSET_UNION_MIN) {
    const bits = zeroedBits();
    for (const p of parts) {
      if ('bits' in p) for (let w = 0; w < p.bits.length; w++) bits[w] |= p.bits[w];
      else for (let i = 0; i < p.list.length; i++) setBit(bits, p.list[i]);
    }
    return { bits, count: popcount(bits) };
  }
  const all = new Uint32Array(total);
  let k = 0;
  for (const p of parts) if ('list' in p) for (let i = 0; i < p.list.length; i++) all[k++] = p.list[i];
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (n === 0 || all[i] !== all[n - 1]) all[n++] = all[i];
  return { list: all.subarray(0, n) };
}

/** First index i ≥ from with list[i] ≥ target: galloping, since cursors only move forward. */
function gallop(list: ArrayLike<number>, from: number, target: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < list.length && list[hi] < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > list.length) hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Article bodies

const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 8 * 1024 * 1024;
/** A lone surrogate would not survive UTF-8 (it becomes U+FFFD) and would shift offsets. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Bodies shorter than this are stored as they are: deflate gains little on them. */
const MIN_COMPRESS = 256;
/**
 * A 4 KB window compresses news articles as well as the default 32 KB (they are a few KB), and
 * each inflate then allocates an eighth of the native memory, which keeps GC pressure down.
 * memLevel 4 shrinks deflate's per-call state from ~144 KB to ~24 KB for 2% less compression:
 * allocating and freeing the larger state per article fragmented the native heap.
 */
const ZLIB = { windowBits: 12 };
const DEFLATE = { windowBits: 12, memLevel: 4 };

/** A BodyStore as flat arrays: the used part of each chunk, back to back. */
export interface BodyState {
  compress: boolean;
  chunks: Uint8Array;
  chunkEnds: Uint32Array;
  chunkOf: Uint32Array;
  offsetOf: Uint32Array;
  lengthOf: Uint32Array;
  deflated: Uint8Array;
  plainLength: Uint32Array;
  strings: Array<[number, string]>;
}

/** Bodies as (deflated) UTF-8 packed into chunks, with no object per body; chunks grow to 8 MB. */
class BodyStore {
  private readonly chunks: Buffer[] = [];
  private used = 0;
  private readonly chunkOf: Column<Uint32Array>;
  private readonly offsetOf: Column<Uint32Array>;
  private readonly lengthOf: Column<Uint32Array>;
  private readonly deflated: Column<Uint8Array>;
  /** UTF-8 length of each body: inflate then allocates exactly one output buffer. */
  private readonly plainLength: Column<Uint32Array>;

  /** Bodies that UTF-8 cannot carry exactly, kept as strings: body index → text. */
  private readonly strings: Map<number, string>;

  constructor(
    private readonly compress: boolean,
    from?: BodyState,
  ) {
    this.chunkOf = u32(from?.chunkOf);
    this.offsetOf = u32(from?.offsetOf);
    this.lengthOf = u32(from?.lengthOf);
    this.deflated = u8(from?.deflated);
    this.plainLength = u32(from?.plainLength);
    this.strings = new Map(from?.strings);
    if (from) {
      let start = 0;
      for (const end of from.chunkEnds) {
        const chunk = from.chunks.subarray(start, end);
        this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        start = end;
      }
      // Restored chunks are full: the next body starts a new one.
      this.used = this.chunks.length ? (this.chunks[this.chunks.length - 1] as Buffer).length : 0;
    }
  }

  state(): BodyState {
    // A chunk's unused tail is uninitialised memory: only the bytes bodies point at are saved.
    const lastUsed = this.chunks.map(() => 0);
    for (let i = 0; i < this.chunkOf.length; i++) {
      const c = this.chunkOf.data[i];
      if (c < lastUsed.length) lastUsed[c] = Math.max(lastUsed[c], this.offsetOf.data[i] + this.lengthOf.data[i]);
    }
    const chunks = Buffer.concat(this.chunks.map((c, i) => c.subarray(0, lastUsed[i])));
    const chunkEnds = new Uint32Array(this.chunks.length);
    let end = 0;
    lastUsed.forEach((n, i) => (chunkEnds[i] = end += n));
    return {
      compress: this.compress,
      chunks,
      chunkEnds,
      chunkOf: this.chunkOf.values(),
      offsetOf: this.offsetOf.values(),
      lengthOf: this.lengthOf.values(),
      deflated: this.deflated.values(),
      plainLength: this.plainLength.values(),
      strings: [...this.strings],
    };
  }

  add(text: string): void {
    const i = this.chunkOf.length;
    if (LONE_SURROGATE.test(text)) {
      this.strings.set(i, text);
      this.push(0, 0, 0, 0, 0);
      return;
    }
    const utf8 = Buffer.from(text, 'utf8');
    const packed = this.compress && utf8.length >= MIN_COMPRESS ? zlib.deflateRawSync(utf8, DEFLATE) : utf8;
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || this.used + packed.length > chunk.length) {
      const next = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, (chunk?.length ?? 0) * 2));
      chunk = Buffer.allocUnsafeSlow(Math.max(packed.length, next));
      this.chunks.push(chunk);
      this.used = 0;
    }
    packed.copy(chunk, this.used);
    this.push(this.chunks.length - 1, this.used, packed.length, packed === utf8 ? 0 : 1, utf8.length);
    this.used += packed.length;
  }

  private push(chunk: number, offset: number, length: number, deflated: number, plainLength: number): void {
    this.chunkOf.push(chunk);
    this.offsetOf.push(offset);
    this.lengthOf.push(length);
    this.deflated.push(deflated);
    this.plainLength.push(plainLength);
  }

  /** Bytes of chunk memory allocated (used or not). */
  get allocated(): number {
    let total = 0;
    for (const c of this.chunks) total += c.length;
    return total;
  }

  get(i: number): string {
    const own = this.strings.get(i);
    if (own !== undefined) return own;
    // No cache of decoded bodies on purpose: cached strings outlive the young generation, and
    // their churn grew the old generation (and RSS) by tens of MB at 1M quotes.
    const offset = this.offsetOf.data[i];
    const packed = this.chunks[this.chunkOf.data[i]].subarray(offset, offset + this.lengthOf.data[i]);
    const plain = this.deflated.data[i] ? zlib.inflateRawSync(packed, { ...ZLIB, chunkSize: Math.max(64, this.plainLength.data[i]) }) : packed;
    return plain.toString('utf8');
  }
}

/** Interns values (outlets, dates): many articles share a few thousand of them. */
class Interned<T> {
  private readonly ids = new Map<string, number>();
  readonly values: T[] = [];

  id(key: string, value: () => T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value());
    }
    return id;
  }

  static of<T>(values: T[], keyOf: (value: T) => string): Interned<T> {
    const interned = new Interned<T>();
    for (const v of values) interned.id(keyOf(v), () => v);
    return interned;
  }
}

const dateKey = (d: PartialDate) => `${d.precision}:${d.value}`;

/**
 * Everything a refreshed Corpus holds, as typed arrays and plain JSON values, so it can be
 * saved and restored without re-indexing (`state()`, `Corpus.fromState`). Restoring takes the
 * arrays as they are (views, not copies).
 */
export interface CorpusState {
  articleIdList: string[];
  bodies: BodyState;
  bodyUtf8: number;
  articleTitleLength: Uint32Array;
  outlets: string[];
  articleOutlet: Int32Array;
  dates: PartialDate[];
  articleDate: Int32Array;
  articleExtras: Array<[number, Pick<Article, 'url' | 'path'>]>;
  articleStart: Int32Array;
  articleEnd: Int32Array;
  articleLang: Uint8Array;
  articleFirstQuote: Uint32Array;
  articleQuoteCount: Uint32Array;
  quoteArticle: Uint32Array;
  quoteStart: Uint32Array;
  quoteEnd: Uint32Array;
  quoteKind: Uint8Array;
  quoteConfidence: Float32Array;
  quoteSpeaker: Int32Array;
  quoteMention: Int32Array;
  textOverrides: Array<[number, string]>;
  mentions: string[];
  speakerIdList: string[];
  speakerNames: Array<string | null>;
  words: PostingState;
  bySpeaker: PostingState;
  sortedArticles: Uint32Array;
  sortedFirstRank: Uint32Array;
  order: Uint32Array;
}

// ---------------------------------------------------------------------------------------------
// The corpus

export interface CorpusOptions {
  /** Deflate article bodies (default true): ~40% of their UTF-8 size, ~15 µs to read one back. */
  compress?: boolean;
}

export class Corpus {
  // Articles are columns too, not an object each: at 100k articles objects and titles alone
  // were ~30 MB of heap. The title is stored with the body (one deflated record, title first).
  private readonly articleIdList: string[] = [];
  private readonly articleIds = new Map<string, number>();
  private readonly bodies: BodyStore;
  private bodyUtf8 = 0;
  private readonly articleTitleLength = u32();
  private readonly outlets = new Interned<string>();
  private readonly articleOutlet = i32();
  /** One shared, frozen PartialDate per distinct date. */
  private readonly dates = new Interned<PartialDate>();
  private readonly articleDate = i32();
  /** The rarely set fields (url, path): article index → fields. */
  private readonly articleExtras = new Map<number, Pick<Article, 'url' | 'path'>>();
  private readonly articleStart = i32();
  private readonly articleEnd = i32();
  private readonly articleLang = u8();
  private readonly articleFirstQuote = u32();
  private readonly articleQuoteCount = u32();

  private readonly quoteArticle = u32();
  private readonly quoteStart = u32();
  private readonly quoteEnd = u32();
  private readonly quoteKind = u8();
  /** Float32: confidences are read back to 7 significant digits (0.9 stays 0.9). */
  private readonly quoteConfidence = f32();
  private readonly quoteSpeaker = i32();
  private readonly quoteMention = i32();
  /** Texts that are not a plain slice of the body (rare): quote index → text. */
  private readonly textOverrides = new Map<number, string>();

  private readonly mentionIds = new Map<string, number>();
  private readonly mentions: string[] = [];
  private readonly speakerIdx = new Map<string, number>();
  private readonly speakerIdList: string[] = [];
  private readonly speakerNames: (string | null)[] = [];

  private readonly words = new PostingIndex();
  private readonly bySpeaker = new PostingIndex();

  // Built by refresh(): newest-first order of articles and quotes.
  private sortedArticles: Uint32Array = new Uint32Array(0);
  private sortedFirstRank: Uint32Array = new Uint32Array(0);
  private order: Uint32Array = new Uint32Array(0);
  private dirty = false;
  /** Quotes added since the last refresh. */
  private pending = 0;
  private readonly scratch: Uint32Array[] = [];
  private scratchUsed = 0;

  constructor(options: CorpusOptions = {}, from?: CorpusState) {
    this.bodies = new BodyStore(from?.bodies.compress ?? options.compress ?? true, from?.bodies);
    if (!from) return;
    this.articleIdList = from.articleIdList.slice();
    this.articleIds = new Map(from.articleIdList.map((id, i) => [id, i]));
    this.bodyUtf8 = from.bodyUtf8;
    this.articleTitleLength = u32(from.articleTitleLength);
    this.outlets = Interned.of(from.outlets, (o) => o);
    this.articleOutlet = i32(from.articleOutlet);
    this.dates = Interned.of(from.dates.map((d) => Object.freeze({ value: d.value, precision: d.precision })), dateKey);
    this.articleDate = i32(from.articleDate);
    this.articleExtras = new Map(from.articleExtras);
    this.articleStart = i32(from.articleStart);
    this.articleEnd = i32(from.articleEnd);
    this.articleLang = u8(from.articleLang);
    this.articleFirstQuote = u32(from.articleFirstQuote);
    this.articleQuoteCount = u32(from.articleQuoteCount);
    this.quoteArticle = u32(from.quoteArticle);
    this.quoteStart = u32(from.quoteStart);
    this.quoteEnd = u32(from.quoteEnd);
    this.quoteKind = u8(from.quoteKind);
    this.quoteConfidence = f32(from.quoteConfidence);
    this.quoteSpeaker = i32(from.quoteSpeaker);
    this.quoteMention = i32(from.quoteMention);
    this.textOverrides = new Map(from.textOverrides);
    this.mentions = from.mentions.slice();
    this.mentionIds = new Map(from.mentions.map((m, i) => [m, i]));
    this.speakerIdList = from.speakerIdList.slice();
    this.speakerIdx = new Map(from.speakerIdList.map((id, i) => [id, i]));
    this.speakerNames = from.speakerNames.slice();
    this.words = PostingIndex.fromState(from.words);
    this.bySpeaker = PostingIndex.fromState(from.bySpeaker);
    this.sortedArticles = from.sortedArticles;
    this.sortedFirstRank = from.sortedFirstRank;
    this.order = from.order;
  }

  /**
   * A corpus as saved by `state()`, ready to query and to add to. Typed arrays are taken as
   * views and copied only when the corpus grows, so `fromState(c.state())` is an independent
   * copy of `c` at the cost of one pass over its postings and bodies.
   */
  static fromState(state: CorpusState): Corpus {
    return new Corpus({}, state);
  }

  /** The whole corpus as arrays (refreshed first); shares its arrays, so save it before adding more. */
  state(): CorpusState {
    this.refresh();
    return {
      articleIdList: this.articleIdList,
      bodies: this.bodies.state(),
      bodyUtf8: this.bodyUtf8,
      articleTitleLength: this.articleTitleLength.values(),
      outlets: this.outlets.values,
      articleOutlet: this.articleOutlet.values(),
      dates: this.dates.values,
      articleDate: this.articleDate.values(),
      articleExtras: [...this.articleExtras],
      articleStart: this.articleStart.values(),
      articleEnd: this.articleEnd.values(),
      articleLang: this.articleLang.values(),
      articleFirstQuote: this.articleFirstQuote.values(),
      articleQuoteCount: this.articleQuoteCount.values(),
      quoteArticle: this.quoteArticle.values(),
      quoteStart: this.quoteStart.values(),
      quoteEnd: this.quoteEnd.values(),
      quoteKind: this.quoteKind.values(),
      quoteConfidence: this.quoteConfidence.values(),
      quoteSpeaker: this.quoteSpeaker.values(),
      quoteMention: this.quoteMention.values(),
      textOverrides: [...this.textOverrides],
      mentions: this.mentions,
      speakerIdList: this.speakerIdList,
      speakerNames: this.speakerNames,
      words: this.words.state(),
      bySpeaker: this.bySpeaker.state(),
      sortedArticles: this.sortedArticles,
      sortedFirstRank: this.sortedFirstRank,
      order: this.order,
    };
  }

  get articleCount(): number {
    return this.articleIdList.length;
  }

  get quoteCount(): number {
    return this.quoteArticle.length;
  }

  /** Distinct indexed keywords (folded tokens). */
  get termCount(): number {
    return this.words.size;
  }

  /**
   * Adds one article and its quotes. Throws, leaving the corpus unchanged, on a duplicate
   * article id or quote offsets outside the body. Quotes sharing a start keep only the longest,
   * so that `${articleId}:${start}` names one quote.
   */
  add(processed: ProcessedArticle): void {
    const { article } = processed;
    if (this.articleIds.has(article.id)) throw new Error(`article "${article.id}" is already in the corpus`);
    const body = article.body;
    for (const q of processed.quotes) {
      if (!Number.isInteger(q.start) || !Number.isInteger(q.end) || q.start < 0 || q.end < q.start || q.end > body.length) {
        throw new Error(`article "${article.id}": quote offsets ${q.start}..${q.end} are outside the body (length ${body.length})`);
      }
    }
    const quotes = [...processed.quotes].sort((a, b) => a.start - b.start || b.end - a.end);

    const a = this.articleIdList.length;
    this.articleIdList.push(article.id);
    this.articleIds.set(article.id, a);
    const title = article.title ?? '';
    this.bodies.add(title + body);
    this.bodyUtf8 += Buffer.byteLength(body, 'utf8');
    this.articleTitleLength.push(title.length);
    this.articleOutlet.push(article.outlet === undefined ? -1 : this.outlets.id(article.outlet, () => article.outlet as string));
    const published = article.published;
    this.articleDate.push(
      published ? this.dates.id(dateKey(published), () => Object.freeze({ value: published.value, precision: published.precision })) : -1,
    );
    if (article.url !== undefined || article.path !== undefined) {
      const extras: Pick<Article, 'url' | 'path'> = {};
      if (article.url !== undefined) extras.url = article.url;
      if (article.path !== undefined) extras.path = article.path;
      this.articleExtras.set(a, extras);
    }
    const period = article.published ? datePeriod(article.published) : null;
    this.articleStart.push(period ? period[0] : UNDATED);
    this.articleEnd.push(period ? period[1] : UNDATED);
    this.articleLang.push(article.language === 'ar' ? 1 : 0);
    this.articleFirstQuote.push(this.quoteCount);

    let kept = 0;
    let lastStart = -1;
    for (const q of quotes) {
      if (q.start === lastStart) continue;
      lastStart = q.start;
      this.addQuote(a, body, q);
      kept++;
    }
    this.articleQuoteCount.push(kept);
    this.dirty = true;
    this.pending += kept;
    // Bulk loads: unsorted tails cost 4 bytes a posting plus growth slack, where a refreshed
    // dense key costs a fixed bitset. Refreshing when the tails reach a quarter of the index
    // keeps the peak down, for a few extra passes over the postings (geometric, so O(log n)).
    if (this.pending >= AUTO_REFRESH_MIN && this.pending * 4 >= this.quoteCount) this.refresh();
  }

  addAll(processed: Iterable<ProcessedArticle>): void {
    for (const p of processed) this.add(p);
  }

  private addQuote(a: number, body: string, q: Quote): void {
    const i = this.quoteCount;
    this.quoteArticle.push(a);
    this.quoteStart.push(q.start);
    this.quoteEnd.push(q.end);
    this.quoteKind.push(Math.max(0, KINDS.indexOf(q.kind)));
    this.quoteConfidence.push(q.confidence);
    // `?? null`: plain-JS callers may leave the fields out.
    const speakerId = q.speakerId ?? null;
    const mention = q.mention ?? null;
    this.quoteSpeaker.push(speakerId === null ? -1 : this.speakerIndex(speakerId, q.speaker ?? null));
    this.quoteMention.push(mention === null ? -1 : this.mentionIndex(mention));
    let text = body.slice(q.start, q.end);
    if (text !== q.text) {
      this.textOverrides.set(i, q.text);
      text = q.text;
    }
    for (const t of tokens(text)) this.words.add(t, i);
    if (speakerId !== null) this.bySpeaker.add(speakerId, i);
  }

  private speakerIndex(id: string, name: string | null): number {
    let s = this.speakerIdx.get(id);
    if (s === undefined) {
      s = this.speakerIdList.length;
      this.speakerIdx.set(id, s);
      this.speakerIdList.push(id);
      this.speakerNames.push(name);
    } else if (name !== null) {
      // The newest name given for an id wins: registries correct spellings over time.
      this.speakerNames[s] = name;
    }
    return s;
  }

  private mentionIndex(mention: string): number {
    let m = this.mentionIds.get(mention);
    if (m === undefined) {
      m = this.mentions.length;
      // Mentions are often slices of a body: flatten so the Map does not pin the whole body.
      const own = (' ' + mention).slice(1);
      this.mentionIds.set(own, m);
      this.mentions.push(own);
    }
    return m;
  }

  /**
   * Sorts what was added since the last call and brings the indexes up to date. Queries call it
   * themselves; call it directly to pay the cost at a chosen moment (after a bulk load).
   */
  refresh(): void {
    if (!this.dirty) return;
    const nArticles = this.articleIdList.length;
    const start = this.articleStart.data;
    const end = this.articleEnd.data;
    const sorted = new Uint32Array(nArticles);
    for (let i = 0; i < nArticles; i++) sorted[i] = i;
    const ids = this.articleIdList;
    // Newest first by period start, then the longer period, then article id: deterministic.
    sorted.sort((x, y) => start[y] - start[x] || end[y] - end[x] || (ids[x] < ids[y] ? -1 : ids[x] > ids[y] ? 1 : 0));

    const n = this.quoteCount;
    const order = new Uint32Array(n);
    const rank = new Uint32Array(n);
    const firstRank = new Uint32Array(nArticles + 1);
    const first = this.articleFirstQuote.data;
    const count = this.articleQuoteCount.data;
    let r = 0;
    for (let p = 0; p < nArticles; p++) {
      firstRank[p] = r;
      const a = sorted[p];
      for (let k = 0; k < count[a]; k++, r++) {
        order[r] = first[a] + k;
        rank[first[a] + k] = r;
      }
    }
    firstRank[nArticles] = r;

    // Old ranks move only if a new article sorts before an old one; then every list is remapped.
    const oldOrder = this.order;
    let oldToNew: Uint32Array | null = null;
    for (let o = 0; o < oldOrder.length; o++) {
      if (rank[oldOrder[o]] !== o) {
        oldToNew = new Uint32Array(oldOrder.length);
        for (let k = 0; k < oldOrder.length; k++) oldToNew[k] = rank[oldOrder[k]];
        break;
      }
    }
    this.words.remap(oldToNew, rank, n);
    this.bySpeaker.remap(oldToNew, rank, n);

    for (const column of this.columns()) column.trim();
    this.sortedArticles = sorted;
    this.sortedFirstRank = firstRank;
    this.order = order;
    this.dirty = false;
    this.pending = 0;
  }

  /** Matching quotes, newest first (by date, then article id, then position in the article). */
  query(options: QueryOptions = {}): QueryResult {
    this.refresh();
    this.scratchUsed = 0;
    const limit = options.limit ?? DEFAULT_QUERY_LIMIT;
    const offset = options.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`limit must be a whole number ≥ 0, got ${limit}`);
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`offset must be a whole number ≥ 0, got ${offset}`);
    const empty: QueryResult = { total: 0, quotes: [] };

    const terms: Postings[] = [];
    if (options.speakerId !== undefined) {
      const postings = this.bySpeaker.get(options.speakerId);
      if (!postings) return empty;
      terms.push(postings);
    }
    if (options.search !== undefined) {
      const words = tokens(options.search);
      for (let w = 0; w < words.length; w++) {
        const postings = this.searchTerm(words[w], w === words.length - 1);
        if (!postings) return empty;
        terms.push(postings);
      }
    }

    // Date window: a contiguous rank range, since ranks run newest first by period start.
    let lo = 0;
    let hi = this.quoteCount;
    let since = UNDATED;
    let until = 0x7fffffff;
    const dated = options.since !== undefined || options.until !== undefined;
    if (options.until !== undefined) {
      until = this.parseBound(options.until, 'until')[1];
      lo = this.firstRankStartingBy(until, true);
    }
    if (options.since !== undefined) {
      since = this.parseBound(options.since, 'since')[0];
      // Past this point every period starts too early to reach `since`.
      hi = this.firstRankStartingBy(since - LONGEST_PERIOD_DAYS, false);
    }
    const lang = options.lang === undefined ? -1 : LANGUAGES.indexOf(options.lang);
    const filtered = dated || lang >= 0;
    const passes = (r: number): boolean => {
      const a = this.quoteArticle.data[this.order[r]];
      if (lang >= 0 && this.articleLang.data[a] !== lang) return false;
      if (dated) {
        const s = this.articleStart.data[a];
        if (s === UNDATED || s > until || this.articleEnd.data[a] < since) return false;
      }
      return true;
    };

    const page: number[] = [];
    const wanted = offset + limit;
    let total = 0;
    const accept = (r: number): void => {
      if (total >= offset && total < wanted) page.push(r);
      total++;
    };
    const lists: ArrayLike<number>[] = [];
    const bitsets: Uint32Array[] = [];
    for (const t of terms) {
      if ('list' in t) lists.push(t.list);
      else bitsets.push(t.bits);
    }

    if (terms.length === 0) {
      if (!filtered) {
        total = Math.max(0, hi - lo);
        for (let r = lo + offset; r < Math.min(hi, lo + wanted); r++) page.push(r);
      } else {
        for (let r = lo; r < hi; r++) if (passes(r)) accept(r);
      }
    } else if (terms.length === 1 && !filtered) {
      // The common lookup (one speaker or one word, no filter): the postings are the answer.
      const only = terms[0];
      if ('list' in only) {
        total = only.list.length;
        for (let i = offset; i < Math.min(total, wanted); i++) page.push(only.list[i]);
      } else {
        total = only.count;
        if (offset < total && limit > 0) this.pageOfBits(only.bits, offset, limit, page);
      }
    } else if (lists.length > 0) {
      // Walk the shortest list newest first; check the other lists by galloping forward.
      lists.sort((x, y) => x.length - y.length);
      const [driver, ...others] = lists;
      const cursors = new Array<number>(others.length).fill(0);
      outer: for (let i = gallop(driver, 0, lo); i < driver.length; i++) {
        const r = driver[i];
        if (r >= hi) break;
        for (let k = 0; k < others.length; k++) {
          const c = (cursors[k] = gallop(others[k], cursors[k], r));
          if (c === others[k].length) break outer;
          if (others[k][c] !== r) continue outer;
        }
        for (const bits of bitsets) if (!hasBit(bits, r)) continue outer;
        if (!filtered || passes(r)) accept(r);
      }
    } else {
      let bits = bitsets[0];
      if (bitsets.length > 1) {
        bits = this.scratchBits();
        bits.set(bitsets[0]);
        for (let k = 1; k < bitsets.length; k++) for (let w = 0; w < bits.length; w++) bits[w] &= bitsets[k][w];
      }
      eachBit(
        bits,
        (r) => {
          if (r >= hi) return false;
          if (!filtered || passes(r)) accept(r);
        },
        lo,
      );
    }
    const bodies = new Map<number, string>();
    return { total, quotes: page.map((r) => this.materialize(this.order[r], bodies)) };
  }

  /**
   * A zeroed bitset over all ranks for this query's own use. A few are kept and reused: at 1M
   * quotes each is 125 KB, and allocating them per query made the process grow by fragmentation.
   */
  private scratchBits(): Uint32Array {
    const words = (this.quoteCount + 31) >>> 5;
    const i = this.scratchUsed++;
    if (i >= SCRATCH_BITSETS) return new Uint32Array(words);
    let bits = this.scratch[i];
    if (!bits || bits.length !== words) this.scratch[i] = bits = new Uint32Array(words);
    else bits.fill(0);
    return bits;
  }

  /** Ranks number offset … offset+limit-1 of a bitset, skipping whole words by their counts. */
  private pageOfBits(bits: Uint32Array, offset: number, limit: number, page: number[]): void {
    let seen = 0;
    let w = 0;
    for (; w < bits.length; w++) {
      const c = bits[w] === 0 ? 0 : popcount32(bits[w]);
      if (seen + c > offset) break;
      seen += c;
    }
    eachBit(
      bits,
      (r) => {
        if (seen++ >= offset) page.push(r);
        return page.length < limit;
      },
      w << 5,
    );
  }

  /** A query word's matches (all its forms), or null when nothing matches it. */
  private searchTerm(word: string, last: boolean): Postings | null {
    const keys = new Set<string>();
    for (const v of arabicVariants(word)) {
      // A one-letter prefix would read half the index: only longer last words match as prefixes.
      if (last && word.length >= 2) for (const k of this.words.keysWithPrefix(v)) keys.add(k);
      else keys.add(v);
    }
    const parts: Postings[] = [];
    for (const k of keys) {
      if (this.words.count(k) > 0) parts.push(this.words.get(k) as Postings);
    }
    return parts.length === 0 ? null : unionPostings(parts, () => this.scratchBits());
  }

  private parseBound(date: PartialDate | string, name: string): [number, number] {
    const period = datePeriod(date);
    if (!period) throw new Error(`${name}: "${typeof date === 'string' ? date : date.value}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    return period;
  }

  /** The first rank whose article period starts on or before `day` (`inclusive`) or before it. */
  private firstRankStartingBy(day: number, inclusive: boolean): number {
    const sorted = this.sortedArticles;
    const start = this.articleStart.data;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = start[sorted[mid]];
      if (s !== UNDATED && (inclusive ? s > day : s >= day)) lo = mid + 1;
      else hi = mid;
    }
    return this.sortedFirstRank[lo];
  }

  /** A quote as a reply shows it. `records` caches decoded articles across one answer. */
  private materialize(q: number, records = new Map<number, string>()): CorpusQuote {
    const a = this.quoteArticle.data[q];
    const articleId = this.articleIdList[a];
    const record = this.record(a, records);
    const titleLength = this.articleTitleLength.data[a];
    const start = this.quoteStart.data[q];
    const end = this.quoteEnd.data[q];
    const speaker = this.quoteSpeaker.data[q];
    const mention = this.quoteMention.data[q];
    const quote: CorpusQuote = {
      id: `${articleId}:${start}`,
      articleId,
      text: this.textOverrides.get(q) ?? record.slice(titleLength + start, titleLength + end),
      start,
      end,
      kind: KINDS[this.quoteKind.data[q]],
      mention: mention < 0 ? null : this.mentions[mention],
      speakerId: speaker < 0 ? null : this.speakerIdList[speaker],
      speaker: speaker < 0 ? null : this.speakerNames[speaker],
      confidence: Number(this.quoteConfidence.data[q].toPrecision(7)),
      language: LANGUAGES[this.articleLang.data[a]],
      title: record.slice(0, titleLength),
    };
    const published = this.published(a);
    if (published) quote.published = published;
    const outlet = this.articleOutlet.data[a];
    if (outlet >= 0) quote.outlet = this.outlets.values[outlet];
    return quote;
  }

  /** An article's stored record (title then body), decoded once per answer. */
  private record(a: number, cache: Map<number, string>): string {
    let record = cache.get(a);
    if (record === undefined) cache.set(a, (record = this.bodies.get(a)));
    return record;
  }

  private published(a: number): PartialDate | undefined {
    const d = this.articleDate.data[a];
    return d < 0 ? undefined : this.dates.values[d];
  }

  /** Rebuilds a stored article. */
  private articleAt(a: number): Article {
    const record = this.bodies.get(a);
    const titleLength = this.articleTitleLength.data[a];
    const article: Article = { id: this.articleIdList[a], title: record.slice(0, titleLength), language: LANGUAGES[this.articleLang.data[a]], body: record.slice(titleLength) };
    const outlet = this.articleOutlet.data[a];
    if (outlet >= 0) article.outlet = this.outlets.values[outlet];
    const published = this.published(a);
    if (published) article.published = published;
    const extras = this.articleExtras.get(a);
    if (extras) Object.assign(article, extras);
    return article;
  }

  /** One quote by its id `${articleId}:${start}`. */
  quote(id: string): CorpusQuote | undefined {
    const colon = id.lastIndexOf(':');
    if (colon < 0) return undefined;
    const a = this.articleIds.get(id.slice(0, colon));
    const start = Number(id.slice(colon + 1));
    if (a === undefined || !Number.isInteger(start)) return undefined;
    // Quotes of an article are stored by start: binary search.
    let lo = this.articleFirstQuote.data[a];
    let hi = lo + this.articleQuoteCount.data[a];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.quoteStart.data[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const end = this.articleFirstQuote.data[a] + this.articleQuoteCount.data[a];
    return lo < end && this.quoteStart.data[lo] === start ? this.materialize(lo) : undefined;
  }

  /** An article with its body (a new object on each call: bodies are stored as UTF-8). */
  article(id: string): Article | undefined {
    const a = this.articleIds.get(id);
    return a === undefined ? undefined : this.articleAt(a);
  }

  /** An article's url without inflating its body (replies link every quote). */
  articleUrl(id: string): string | undefined {
    const a = this.articleIds.get(id);
    return a === undefined ? undefined : this.articleExtras.get(a)?.url;
  }

  /** All articles, newest first, with their bodies. */
  articles(): Article[] {
    this.refresh();
    return Array.from(this.sortedArticles, (a) => this.articleAt(a));
  }

  /**
   * The articles whose date passes `keep`, newest first. Only those bodies are inflated, so a
   * digest over a week of a large corpus does not decompress the whole archive.
   */
  articlesDated(keep: (published: PartialDate | undefined) => boolean): Article[] {
    this.refresh();
    const out: Article[] = [];
    for (const a of this.sortedArticles) if (keep(this.published(a))) out.push(this.articleAt(a));
    return out;
  }

  /**
   * The ids of the articles whose date passes `keep`, newest first, without inflating any body:
   * a digest with cached features reads only the bodies it shows.
   */
  articleIdsDated(keep: (published: PartialDate | undefined) => boolean): string[] {
    this.refresh();
    const out: string[] = [];
    for (const a of this.sortedArticles) if (keep(this.published(a))) out.push(this.articleIdList[a]);
    return out;
  }

  /** Who each of an article's quotes is attributed to, in reading order, without inflating its body. */
  articleQuoteSpeakers(id: string): Array<{ speakerId: string | null; speaker: string | null }> {
    const a = this.articleIds.get(id);
    if (a === undefined) return [];
    const first = this.articleFirstQuote.data[a];
    return Array.from({ length: this.articleQuoteCount.data[a] }, (_, k) => {
      const s = this.quoteSpeaker.data[first + k];
      return s < 0 ? { speakerId: null, speaker: null } : { speakerId: this.speakerIdList[s], speaker: this.speakerNames[s] };
    });
  }

  /** UTF-8 size of the stored bodies. */
  get bodyBytes(): number {
    return this.bodyUtf8;
  }

  private columns(): Column<NumberArray>[] {
    return [
      this.articleStart, this.articleEnd, this.articleLang, this.articleFirstQuote, this.articleQuoteCount,
      this.quoteArticle, this.quoteStart, this.quoteEnd, this.quoteKind, this.quoteConfidence, this.quoteSpeaker, this.quoteMention,
    ];
  }

  /**
   * Approximate bytes held in typed storage: bodies (chunks allocated), posting lists, and the
   * per-quote and per-article columns. JS objects (article facts, maps) are not counted.
   */
  memoryUsage(): { bodies: number; postings: number; columns: number } {
    const columns =
      this.columns().reduce((sum, c) => sum + c.data.byteLength, 0) + this.order.byteLength + this.sortedArticles.byteLength + this.sortedFirstRank.byteLength;
    return { bodies: this.bodies.allocated, postings: this.words.bytes + this.bySpeaker.bytes, columns };
  }

  /** An article's quotes in reading order. */
  articleQuotes(id: string): CorpusQuote[] {
    const a = this.articleIds.get(id);
    if (a === undefined) return [];
    const first = this.articleFirstQuote.data[a];
    const bodies = new Map<number, string>();
    return Array.from({ length: this.articleQuoteCount.data[a] }, (_, k) => this.materialize(first + k, bodies));
  }

  /** Speakers with at least one quote, most quoted first (then by id). */
  speakers(): Array<{ id: string; name: string | null; quotes: number }> {
    this.refresh();
    return this.speakerIdList
      .map((id, s) => ({ id, name: this.speakerNames[s], quotes: this.bySpeaker.count(id) }))
      .sort((x, y) => y.quotes - x.quotes || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  speakerStats(id: string): SpeakerStats | undefined {
    this.refresh();
    const s = this.speakerIdx.get(id);
    const postings = this.bySpeaker.get(id);
    if (s === undefined || !postings) return undefined;
    const stats: SpeakerStats = { id, name: this.speakerNames[s], quotes: this.bySpeaker.count(id), articles: 0, articleIds: [], languages: { en: 0, ar: 0 } };
    let previous = -1;
    const visit = (r: number): void => {
      const a = this.quoteArticle.data[this.order[r]];
      stats.languages[LANGUAGES[this.articleLang.data[a]]]++;
      // An article's quotes hold consecutive ranks: a new article shows as a change.
      if (a === previous) return;
      previous = a;
      stats.articleIds.push(this.articleIdList[a]);
      const published = this.published(a);
      if (published && this.articleStart.data[a] !== UNDATED) {
        stats.last ??= published;
        stats.first = published;
      }
    };
    if ('list' in postings) for (let i = 0; i < postings.list.length; i++) visit(postings.list[i]);
    else eachBit(postings.bits, visit);
    stats.articles = stats.articleIds.length;
    return stats;
  }
}
