import { selectSentences, sentenceCandidates } from '../../src/core/digest/select';
import { jaccard } from '../../src/core/stories/features';
import { tokens } from '../../src/core/text/normalize';
import type { Article } from '../../src/core/types';

const body = [
  'Reuters / The coalition said on Monday it had handed the Qayyarah air base over to Iraqi forces after six years.',
  'Read more',
  'The coalition said on Monday it had handed the Qayyarah air base to the Iraqi forces after six years.',
  'The handover of the Qayyarah base is part of a planned reduction of coalition forces in Iraq, the coalition said.',
  'Officials said the weather was warm.',
  'Iraqi forces will now run the Qayyarah air base, which the coalition used against ISIS.',
].join('\n\n');
const art: Article = { id: 'x', title: 'Base handed over', language: 'en', body };

describe('sentence selection', () => {
  const candidates = sentenceCandidates(art);

  it('keeps verbatim ranges, trims the dateline and skips chrome', () => {
    for (const c of candidates) expect(body.slice(c.start, c.end)).toBe(c.text);
    expect(candidates[0].text.startsWith('The coalition said on Monday')).toBe(true);
    expect(candidates.some((c) => c.text.includes('Read more'))).toBe(false);
  });

  it('chooses central sentences that do not repeat each other', () => {
    const chosen = selectSentences(candidates, { max: 3 });
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    expect(chosen.length).toBeLessThanOrEqual(3);
    expect(chosen[0].text).toContain('Qayyarah');
    expect(chosen.some((s) => s.text.includes('weather'))).toBe(false);
    for (let i = 0; i < chosen.length; i++) {
      for (let j = i + 1; j < chosen.length; j++) expect(jaccard(tokens(chosen[i].text), tokens(chosen[j].text))).toBeLessThan(0.5);
    }
  });

  it('skips what the digest already used', () => {
    const first = selectSentences(candidates, { max: 1 });
    const again = selectSentences(candidates, { max: 3, used: [tokens(first[0].text)] });
    expect(again.some((s) => s.start === first[0].start)).toBe(false);
  });

  it('is deterministic', () => {
    expect(selectSentences(sentenceCandidates(art))).toEqual(selectSentences(candidates));
  });
});
