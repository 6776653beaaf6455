/**
 * The stories a new article may still join, and an index of their members by what could link
 * them: speakers, significant numbers and (within a language) distinctive words.
 *
 * Two articles that share none of these have no evidence besides their dates, and a date alone
 * never links them; so only members reached through the index need comparing, and the rest of
 * the open stories cost nothing. (In the bench's window of 10,000 articles, the index leaves a
 * quarter of the member comparisons: its vocabulary is a few templates' worth of words.)
 */
import type { Language } from '../types';
import type { WindowVector } from './termWeights';

/** Members of a story a new article is compared with: its first and its latest. */
const MEMBERS_COMPARED = 8;

export interface Cluster {
  /** Order of creation: equal evidence goes to the older story. */
  seq: number;
  members: Member[];
  /** Intersection of the members' expanded periods: where a new member's period must reach. */
  window: [number, number];
}

export interface Member {
  vector: WindowVector;
  cluster: Cluster;
  /** Index in `cluster.members`. */
  position: number;
  /** The last query that reached it: a member reached by several keys is compared once. */
  stamp: number;
  /** Reached through a distinctive word, so it shares one with the query (and its language). */
  sharesTop: boolean;
}

/**
 * Articles must be added in order of the first day of their period: a story whose window ends
 * before that day can take nobody after, and is dropped from the index when next met.
 */
export class OpenStories {
  private seq = 0;
  private stamp = 0;
  private readonly bySpeaker = new Map<string, Member[]>();
  private readonly byNumber = new Map<number, Member[]>();
  private readonly byTerm = new Map<Language, Map<number, Member[]>>();

  /** A new story of one dated article. */
  open(v: WindowVector): Cluster {
    const period = v.features.period!;
    const c: Cluster = { seq: this.seq++, members: [], window: [period[0], period[1]] };
    this.join(c, v);
    return c;
  }

  join(c: Cluster, v: WindowVector): void {
    const period = v.features.period!;
    c.window = [Math.max(c.window[0], period[0]), Math.min(c.window[1], period[1])];
    const m: Member = { vector: v, cluster: c, position: c.members.length, stamp: 0, sharesTop: false };
    c.members.push(m);
    const f = v.features;
    for (const s of f.speakers) post(this.bySpeaker, s.id, m);
    for (const n of f.numbers) post(this.byNumber, n, m);
    let terms = this.byTerm.get(f.language);
    if (!terms) this.byTerm.set(f.language, (terms = new Map()));
    for (const t of v.top) post(terms, t, m);
  }

  /**
   * The members `v` is to be compared with: those that share a speaker, a number or a
   * distinctive word with it, are among the first and latest MEMBERS_COMPARED of their story,
   * and whose story's window overlaps v's period. Each is returned once, with `sharesTop` set.
   */
  candidates(v: WindowVector): Member[] {
    const period = v.features.period!;
    const stamp = ++this.stamp;
    const out: Member[] = [];
    const visit = (list: Member[] | undefined, sharesTop: boolean) => {
      if (!list) return;
      let kept = 0;
      for (const m of list) {
        // A story whose window ends before this article starts is closed for every later one too.
        if (m.cluster.window[1] < period[0] || !compared(m)) continue;
        list[kept++] = m;
        if (period[1] < m.cluster.window[0]) continue;
        if (m.stamp !== stamp) {
          m.stamp = stamp;
          m.sharesTop = false;
          out.push(m);
        }
        if (sharesTop) m.sharesTop = true;
      }
      list.length = kept;
    };
    const f = v.features;
    const terms = this.byTerm.get(f.language);
    if (terms) for (const t of v.top) visit(terms.get(t), true);
    for (const s of f.speakers) visit(this.bySpeaker.get(s.id), false);
    for (const n of f.numbers) visit(this.byNumber.get(n), false);
    return out;
  }
}

/** Among its story's first and latest MEMBERS_COMPARED: a member that drops out never returns. */
function compared(m: Member): boolean {
  const size = m.cluster.members.length;
  return size <= MEMBERS_COMPARED || m.position === 0 || m.position >= size - (MEMBERS_COMPARED - 1);
}

function post<K>(index: Map<K, Member[]>, key: K, m: Member): void {
  const list = index.get(key);
  if (list) list.push(m);
  else index.set(key, [m]);
}
