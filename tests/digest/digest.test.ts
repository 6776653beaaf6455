import path from 'node:path';
import { loadCorpus } from '../../src/core/loadCorpus';
import { buildDigest, type Digest } from '../../src/core/digest/buildDigest';
import { formatDigestMarkdown, formatDigestText } from '../../src/core/digest/formatDigest';
import { jaccard } from '../../src/core/stories/features';
import { tokens } from '../../src/core/text/normalize';
import { buildProgram } from '../../src/cli';
import type { CliIo } from '../../src/cli/io';

const CONTENT = path.resolve(__dirname, '..', '..', 'content');
const { corpus } = loadCorpus({ contentDir: CONTENT });

function checkVerbatim(d: Digest) {
  for (const s of d.stories) {
    for (const x of s.sentences) expect(corpus.article(x.article)!.body.slice(x.start, x.end)).toBe(x.text);
    for (const q of s.quotes) expect(corpus.article(q.article)!.body.slice(q.start, q.end)).toBe(q.quote);
    for (const x of [...s.sentences, ...s.quotes]) expect(s.articles).toContain(x.article);
  }
}

describe('buildDigest on the seeds', () => {
  const digest = buildDigest(corpus);

  it('gives four stories over the whole range, 002 and 004 together', () => {
    expect(digest.stories).toHaveLength(4);
    expect(digest.window).toMatchObject({ latest: true, articles: 5, stories: 4, language: 'en' });
    const pair = digest.stories.find((s) => s.articles.length === 2)!;
    expect([...pair.articles].sort()).toEqual(['2020-11-24-2258d7be', '2020-11-24-6de7699f']);
    // Most sources and speakers: ranked first, shown in English.
    expect(digest.stories[0].id).toBe(pair.id);
    expect(pair.language).toBe('en');
    expect(pair.sources.map((s) => s.language)).toEqual(['en', 'ar']);
  });

  it('draws stories from the newest articles only, up to maxArticles, and says so', () => {
    const cut = buildDigest(corpus, { maxArticles: 2 });
    expect(cut.window).toMatchObject({ articles: 5, considered: 2 });
    const newest = corpus.articleIdsDated(() => true).slice(0, 2);
    for (const s of cut.stories) for (const id of s.articles) expect(newest).toContain(id);
    expect(formatDigestText(cut)[0]).toMatch(/from the newest 2 of 5 articles/);
    expect(formatDigestText(digest)[0]).toMatch(/from 5 articles/);
    // A plain source (a scheduled digest's arrivals) is cut the same way.
    const plain = { articles: () => corpus.articles(), articleQuotes: (id: string) => corpus.articleQuotes(id) };
    expect(buildDigest(plain, { maxArticles: 2 }).stories.map((s) => s.articles)).toEqual(cut.stories.map((s) => s.articles));
    // The default leaves a small window whole.
    expect(digest.window.considered).toBe(5);
  });

  it('quotes every sentence and quote verbatim at its offsets', () => {
    checkVerbatim(digest);
    checkVerbatim(buildDigest(corpus, { lang: 'ar' }));
  });

  it('has 1–3 sentences per story and no two sentences repeating each other', () => {
    const all = digest.stories.flatMap((s) => s.sentences);
    for (const s of digest.stories) {
      expect(s.sentences.length).toBeGreaterThanOrEqual(1);
      expect(s.sentences.length).toBeLessThanOrEqual(3);
      expect(s.quotes.every((q) => q.speaker)).toBe(true);
    }
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(jaccard(tokens(all[i].text), tokens(all[j].text))).toBeLessThan(0.6);
    }
  });

  it('is deterministic', () => {
    expect(buildDigest(loadCorpus({ contentDir: CONTENT }).corpus)).toEqual(digest);
  });

  it('shows a story in the digest language when it has a source in it, else in its own language, marked', () => {
    const ar = buildDigest(corpus, { lang: 'ar' });
    const pair = ar.stories.find((s) => s.articles.length === 2)!;
    expect(pair).toMatchObject({ language: 'ar', otherLanguage: false, headlineArticle: '2020-11-24-2258d7be' });
    expect(pair.sentences.every((s) => s.article === '2020-11-24-2258d7be')).toBe(true);
    const englishOnly = ar.stories.filter((s) => s.articles.length === 1);
    expect(englishOnly).toHaveLength(3);
    for (const s of englishOnly) expect(s).toMatchObject({ language: 'en', otherLanguage: true });
    expect(formatDigestText(ar).join('\n')).toContain('only in English');
  });

  it('filters by window, speaker and count', () => {
    const nov = buildDigest(corpus, { since: { value: '2020-11', precision: 'month' } });
    // The year-dated 2020 article may fall in November 2020: it stays in.
    expect(nov.stories.map((s) => s.id).sort()).toEqual(['story-2020-0e8744a3', 'story-2020-11-24-2258d7be']);
    expect(buildDigest(corpus, { until: { value: '2019', precision: 'year' } }).stories.map((s) => s.id)).toEqual(['story-2019-03-24-aeda4a59']);
    const caggins = buildDigest(corpus, { speakerId: 'myles-caggins' });
    expect(caggins.stories.map((s) => s.id).sort()).toEqual(['story-2020-03-06-0e686b9e', 'story-2020-0e8744a3']);
    expect(caggins.stories.every((s) => s.quotes[0].speakerId === 'myles-caggins')).toBe(true);
    const latest = buildDigest(corpus, { maxStories: 1 });
    expect(latest.stories.map((s) => s.id)).toEqual(['story-2020-11-24-2258d7be']);
  });

  it('renders text and markdown with headline, sentences, quotes and sources', () => {
    const text = formatDigestText(digest).join('\n');
    expect(text).toContain('4 stories from 5 articles');
    expect(text).toContain('— Kevin Copsey');
    expect(text).toContain('Shafaq News, 2020-11-24, English [2020-11-24-6de7699f]');
    const md = formatDigestMarkdown(digest).join('\n');
    expect(md).toContain('## 1. US Troops move from Syria to Iraq');
    expect(md).toContain('**Kevin Copsey**');
  });
});

describe('coalition digest', () => {
  function capture() {
    const io = { out: [] as string[], err: [] as string[], code: 0 };
    const cli: CliIo = { out: (l) => void io.out.push(l), err: (l) => void io.err.push(l), setExitCode: (c) => void (io.code = c) };
    return { io, cli };
  }
  async function run(args: string[]) {
    const { io, cli } = capture();
    const program = buildProgram(cli, { embedded: true });
    await program.parseAsync(['digest', '--content', CONTENT, ...args], { from: 'user' });
    return io;
  }

  it('prints the JSON model', async () => {
    const io = await run(['--format', 'json']);
    const d = JSON.parse(io.out.join('\n'));
    expect(d.stories).toHaveLength(4);
    expect(Object.keys(d.stories[0])).toEqual(expect.arrayContaining(['id', 'headline', 'articles', 'sentences', 'quotes', 'sources']));
    expect(Object.keys(d.stories[0].quotes[0])).toEqual(expect.arrayContaining(['quote', 'speaker', 'article', 'start', 'end']));
  });

  it('takes a speaker by any spelling and reports an unknown one', async () => {
    const io = await run(['--speaker', 'Kagens', '--max-stories', '1']);
    expect(io.out[0]).toContain('1 story');
    expect(io.out.join('\n')).toContain('Caggins');
    const bad = await run(['--speaker', 'Nobody Atall']);
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/no speaker matches/);
  });

  it('prints markdown', async () => {
    const io = await run(['--format', 'markdown', '--lang', 'ar', '--since', '2020-11-01']);
    expect(io.out[0]).toMatch(/^# Digest/);
    expect(io.out.join('\n')).toContain('<div dir="rtl">');
  });
});

describe('buildDigest on small inputs', () => {
  it('falls back to the lead of a short report and marks an Arabic-only story in an English digest', () => {
    const body = 'التحالف يعلن انتهاء العملية في دير الزور';
    const source = {
      articles: () => [{ id: 'z', title: 'خبر قصير', language: 'ar' as const, published: { value: '2022-01-02', precision: 'day' as const }, body }],
      articleQuotes: () => [],
    };
    const d = buildDigest(source);
    expect(d.stories).toHaveLength(1);
    expect(d.stories[0]).toMatchObject({ language: 'ar', otherLanguage: true, headline: 'خبر قصير' });
    expect(d.stories[0].sentences).toEqual([{ text: body, article: 'z', start: 0, end: body.length }]);
    expect(formatDigestText(d).join('\n')).toContain('only in Arabic');
    expect(buildDigest({ articles: () => [], articleQuotes: () => [] }).stories).toEqual([]);
  });
});
