import { Corpus } from '../src/core/corpus';
import type { ProcessedArticle } from '../src/core/pipeline';
import { SpeakerRegistry } from '../src/core/speakers/registry';
import { packSnapshot, SnapshotFormatError, unpackSnapshot } from '../src/runtime/snapshotFile';
import { generateArticle, makeSpeakers } from '../bench/synthetic';

/** Synthetic articles (generator ground truth), plus the odd cases a corpus must carry. */
function articles(from: number, count: number): ProcessedArticle[] {
  const speakers = makeSpeakers(SpeakerRegistry.load().all(), 300, 7);
  const out: ProcessedArticle[] = [];
  for (let i = from; i < from + count; i++) {
    const a = generateArticle(7, i, speakers);
    const quotes = a.quotes.map((q) => ({ text: a.text.slice(q.start, q.end), start: q.start, end: q.end, kind: q.kind, mention: q.mention, speakerId: q.speakerId, speaker: q.speaker, confidence: 0.75 }));
    out.push({ article: { id: a.id, title: a.title, outlet: a.outlet, published: a.published, language: a.language, body: a.text, path: `/content/${a.id}.md` }, quotes });
  }
  return out;
}

const odd: ProcessedArticle[] = [
  // A lone surrogate cannot go through UTF-8: kept as a string.
  { article: { id: 'odd-surrogate', title: 'T', language: 'en', body: `"Broken \ud800 text here," the official said.`, url: 'https://example.org/x' }, quotes: [{ text: 'Broken \ud800 text here,', start: 1, end: 23, kind: 'direct', mention: 'the official', speakerId: null, speaker: null, confidence: 0.5 }] },
  // A quote text that is not the body's slice.
  { article: { id: 'odd-override', title: 'U', language: 'ar', body: 'قال المتحدث إن العمليات مستمرة ضد داعش.', published: { value: '2021', precision: 'year' } }, quotes: [{ text: 'العمليات مستمرة', start: 15, end: 30, kind: 'indirect', mention: 'المتحدث', speakerId: 'learned-x', speaker: 'X', confidence: 0.6 }] },
];

/** Everything a reader can see of a corpus. */
function observe(c: Corpus): unknown {
  const speakers = c.speakers();
  const searches = ['isis', 'oil', 'raqqa', 'coalition forces', 'داعش', 'العمليات', 'sdf', 'broken'];
  return {
    counts: [c.articleCount, c.quoteCount, c.termCount, c.bodyBytes],
    speakers,
    stats: speakers.slice(0, 40).map((s) => c.speakerStats(s.id)),
    bySpeaker: speakers.slice(0, 40).map((s) => c.query({ speakerId: s.id, limit: 50 })),
    searches: searches.map((q) => c.query({ search: q, limit: 30, offset: 5 })),
    dated: c.query({ since: '2019-06', until: '2020-02-10', lang: 'ar', limit: 100 }),
    articles: c.articles(),
    quote: c.quote('odd-override:15'),
  };
}

describe('Corpus state', () => {
  it('a corpus restored from its state answers exactly as the original', () => {
    const original = new Corpus();
    original.addAll([...articles(0, 700), ...odd]);
    const restored = Corpus.fromState(original.state());
    expect(original.quoteCount).toBeGreaterThan(4096); // dense keys become bitsets
    expect(observe(restored)).toEqual(observe(original));
  });

  it('survives the snapshot file format, and the restored corpus grows like a fresh one', () => {
    const first = articles(0, 500);
    const more = articles(500, 300);
    const original = new Corpus();
    original.addAll(first);
    const bytes = Buffer.concat(packSnapshot({ corpus: original.state() } as unknown as Record<string, unknown>));
    const restored = Corpus.fromState((unpackSnapshot(bytes) as { corpus: ReturnType<Corpus['state']> }).corpus);
    // Newer and older articles after the restore: ranks move, lists are remapped and grow.
    restored.addAll(more);
    restored.addAll(odd);
    const fresh = new Corpus();
    fresh.addAll([...first, ...more, ...odd]);
    expect(observe(restored)).toEqual(observe(fresh));
  });

  it('a copy made through state() is independent of the original', () => {
    const original = new Corpus();
    original.addAll(articles(0, 300));
    const before = observe(original);
    const copy = Corpus.fromState(original.state());
    copy.addAll(articles(300, 300));
    copy.refresh();
    expect(observe(original)).toEqual(before);
    expect(copy.articleCount).toBe(600);
  });
});

describe('snapshot file format', () => {
  const value = { a: { b: new Uint32Array([1, 2, 3]), c: 'text', d: [1, 'x'] }, e: new Float32Array([0.5]), f: Buffer.from('hello'), g: new Int32Array([-7]), h: new Uint8Array(5) };

  it('round-trips typed arrays at any depth of plain objects', () => {
    const back = unpackSnapshot(Buffer.concat(packSnapshot(value)));
    expect(back).toEqual(value);
    expect((back.a as { b: Uint32Array }).b).toBeInstanceOf(Uint32Array);
    expect(Buffer.isBuffer(back.f)).toBe(true);
  });

  it('rejects a damaged, truncated or foreign file with a clear error', () => {
    const bytes = Buffer.concat(packSnapshot(value));
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 3] ^= 0xff;
    expect(() => unpackSnapshot(damaged)).toThrow(SnapshotFormatError);
    expect(() => unpackSnapshot(bytes.subarray(0, bytes.length - 8))).toThrow(/checksum/);
    expect(() => unpackSnapshot(Buffer.from('not a snapshot at all, just text'))).toThrow(/not a snapshot/);
  });
});
