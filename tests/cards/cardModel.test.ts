import path from 'node:path';
import { buildQuoteCard, cardForQuote, cardQuoteText, formatCardDate, roleAt } from '../../src/core/cards/cardModel';
import type { CorpusQuote } from '../../src/core/corpus';
import { loadCorpus } from '../../src/core/loadCorpus';
import { SpeakerRegistry, type Speaker } from '../../src/core/speakers/registry';

const CONTENT = path.resolve(__dirname, '..', '..', 'content');

const twoJobs: Speaker = {
  id: 'jane-doe',
  name: 'Jane Doe',
  kind: 'person',
  aliases: { en: [], ar: ['جين دو'] },
  roles: [
    { role: 'spokesman', org: 'coalition', rank: 'Col.', title: 'Spokesman, CJTF-OIR', from: '2019-08', to: '2020-09' },
    { role: 'deputy-commander', org: 'coalition', rank: 'Brig. Gen.', title: 'Deputy Commander, CJTF-OIR', from: '2020-10' },
  ],
};

function quote(over: Partial<CorpusQuote> = {}): CorpusQuote {
  return {
    id: 'a1:10',
    articleId: 'a1',
    text: '“We will stay,”',
    start: 10,
    end: 25,
    kind: 'direct',
    mention: 'Doe',
    speakerId: 'jane-doe',
    speaker: 'Jane Doe',
    confidence: 0.9,
    language: 'en',
    published: { value: '2020-03-06', precision: 'day' },
    outlet: 'Example News',
    title: 'A title',
    ...over,
  };
}

describe('quote card model', () => {
  const registry = new SpeakerRegistry([twoJobs]);

  it('gives the role the speaker held on the article date', () => {
    const card = buildQuoteCard(quote(), registry, { url: 'https://example.com/a1' });
    expect(card).toMatchObject({
      id: 'a1:10',
      quote: 'We will stay',
      speaker: 'Jane Doe',
      rank: 'Col.',
      role: 'Spokesman, CJTF-OIR',
      outlet: 'Example News',
      dateText: '6 March 2020',
      url: 'https://example.com/a1',
      language: 'en',
      direction: 'ltr',
    });
    const later = buildQuoteCard(quote({ published: { value: '2021-02', precision: 'month' } }), registry);
    expect(later.role).toBe('Deputy Commander, CJTF-OIR');
    expect(later.dateText).toBe('February 2021');
  });

  it('falls back to the latest role outside every period or without a date', () => {
    expect(roleAt(twoJobs, { value: '2015', precision: 'year' })?.title).toBe('Deputy Commander, CJTF-OIR');
    expect(roleAt(twoJobs)?.title).toBe('Deputy Commander, CJTF-OIR');
    expect(roleAt({ roles: [] })).toBeUndefined();
  });

  it('makes Arabic cards right-to-left with the Arabic spelling of the name', () => {
    const card = buildQuoteCard(quote({ language: 'ar', text: '«سنبقى»', published: { value: '2020-11-24', precision: 'day' } }), registry);
    expect(card.direction).toBe('rtl');
    expect(card.speaker).toBe('جين دو');
    expect(card.quote).toBe('سنبقى');
    expect(card.dateText).toBe('24 نوفمبر 2020');
  });

  it('shows partial dates at their precision and keeps unknown speakers unknown', () => {
    expect(formatCardDate({ value: '2020', precision: 'year' })).toBe('2020');
    expect(formatCardDate({ value: '2020-03', precision: 'month' })).toBe('March 2020');
    expect(formatCardDate({ value: '2020-03-06', precision: 'month' })).toBe('March 2020');
    const card = buildQuoteCard(quote({ speakerId: null, speaker: null, published: undefined, outlet: undefined }), registry);
    expect(card.speaker).toBeNull();
    expect(card.role).toBeUndefined();
    expect(card.dateText).toBeUndefined();
    expect(cardQuoteText('  "It is over,"  ')).toBe('It is over');
  });

  it('builds a card from a stored seed article', () => {
    const { corpus, registry: reg } = loadCorpus({ contentDir: CONTENT });
    const card = cardForQuote(corpus, reg, '2020-11-24-6de7699f:1861');
    expect(card).toMatchObject({ speaker: 'Kevin Copsey', rank: 'Maj. Gen.', outlet: 'Shafaq News', dateText: '24 November 2020', direction: 'ltr' });
    expect(card?.role).toMatch(/Deputy Commander/);
    expect(cardForQuote(corpus, reg, 'nope:0')).toBeUndefined();
  });
});
