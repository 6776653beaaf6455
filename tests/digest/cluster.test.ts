import path from 'node:path';
import { loadCorpus } from '../../src/core/loadCorpus';
import { clusterStories, linkEvidence, type StoryQuote } from '../../src/core/stories/cluster';
import { significantNumbers } from '../../src/core/stories/features';
import type { Article } from '../../src/core/types';

const CONTENT = path.resolve(__dirname, '..', '..', 'content');

function article(id: string, date: string, language: 'en' | 'ar', title: string, body: string): Article {
  const precision = date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
  return { id, title, published: { value: date, precision }, language, body };
}

function quotes(entries: Record<string, string[]>): Map<string, StoryQuote[]> {
  return new Map(Object.entries(entries).map(([id, speakers]) => [id, speakers.map((s) => ({ speakerId: s, speaker: s }))]));
}

describe('significantNumbers', () => {
  it('reads the same number across scripts and spellings', () => {
    expect([...significantNumbers('training 120,000 members and 8 million people')]).toEqual([120000, 8000000]);
    expect([...significantNumbers('بتدريب ١٢٠ ألفًا من القوات، تحرير ٨ مليون شخصًا')]).toEqual([120000, 8000000]);
    expect([...significantNumbers('some 120 thousand troops')]).toEqual([120000]);
  });

  it('leaves out small numbers and bare years', () => {
    expect([...significantNumbers('about 50 soldiers in 2019 and 3 days')]).toEqual([]);
  });

  it('leaves out codes glued to letters, and reads a number at the very start or end', () => {
    expect([...significantNumbers('F16 jets and CJTF-OIR2 units')]).toEqual([]);
    expect([...significantNumbers('300 fighters')]).toEqual([300]);
    expect([...significantNumbers('والعدد الإجمالي ٣٠٠')]).toEqual([300]);
    expect([...significantNumbers('a 3,000-strong force of 1.5 million')].sort((a, b) => a - b)).toEqual([3000, 1500000]);
  });
});

describe('clusterStories', () => {
  const en = article(
    'a-en', '2021-05-10', 'en', 'Coalition hands over base',
    'General Smith said the coalition trained 45,000 fighters and freed 2.5 million people. "The mission continues," Smith said.',
  );
  const ar = article(
    'b-ar', '2021-05-11', 'ar', 'التحالف يسلم قاعدة',
    'قال الجنرال سميث إن التحالف درب ٤٥ ألف مقاتل وحرر ٢٫٥ مليون شخص. وأضاف: "المهمة مستمرة".',
  );

  it('puts the same event reported in two languages into one story', () => {
    const stories = clusterStories([en, ar], quotes({ 'a-en': ['smith', 'smith'], 'b-ar': ['smith'] }), { language: 'ar' });
    expect(stories).toHaveLength(1);
    expect(stories[0].articles.sort()).toEqual(['a-en', 'b-ar']);
    expect(stories[0].id).toBe('story-a-en');
    expect(stories[0].headline).toBe('التحالف يسلم قاعدة');
    expect(stories[0].when).toEqual({ value: '2021-05-10', precision: 'day' });
    expect(stories[0].speakers.map((s) => s.id)).toEqual(['smith']);
  });

  it('keeps two events with the same speaker on different days apart', () => {
    const later = { ...ar, id: 'c-ar', published: { value: '2021-06-20', precision: 'day' as const } };
    const stories = clusterStories([en, later], quotes({ 'a-en': ['smith'], 'c-ar': ['smith'] }));
    expect(stories.map((s) => s.articles)).toEqual([['a-en'], ['c-ar']]);
  });

  it('does not link articles on a date and a speaker alone', () => {
    const other = article('d-en', '2021-05-10', 'en', 'Patrol near Hasakah', 'Smith said a patrol met local elders near Hasakah on Monday.');
    const q = quotes({ 'a-en': ['smith'], 'd-en': ['smith'] });
    expect(linkEvidence(en, other, q).total).toBeLessThan(2.5);
    expect(clusterStories([en, other], q)).toHaveLength(2);
  });

  it('is independent of input order', () => {
    const q = quotes({ 'a-en': ['smith'], 'b-ar': ['smith'] });
    expect(clusterStories([ar, en], q)).toEqual(clusterStories([en, ar], q));
  });

  it('finds four stories on the seeds, the English and Arabic press conference together', () => {
    const { corpus } = loadCorpus({ contentDir: CONTENT });
    const articles = corpus.articles();
    const q = new Map(articles.map((a) => [a.id, corpus.articleQuotes(a.id)]));
    const stories = clusterStories(articles, q);
    expect(stories).toHaveLength(4);
    const together = stories.find((s) => s.articles.length === 2);
    expect(together?.articles.sort()).toEqual(['2020-11-24-2258d7be', '2020-11-24-6de7699f']);
    // Caggins in March 2020 and Caggins somewhere in 2020: same speaker, not the same event.
    expect(stories.find((s) => s.articles.includes('2020-0e8744a3'))?.articles).toEqual(['2020-0e8744a3']);
  });
});
