import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseRawText, cleanBody, maskChrome, type RawAnalysis } from '../../src/core/articles/clean';
import { loadOutletRules } from '../../src/core/articles/outletRules';

const rules = loadOutletRules();
const SEEDS = join(__dirname, 'fixtures', 'seeds');
const seed = (prefix: string): string => {
  const names: Record<string, string> = {
    '000': '000_dcb17e56dfd716d4.txt',
    '001': '001_c429ba9189c3db3c.txt',
    '002': '002_214abf9375eada4f.txt',
    '003': '003_6f2d1026ffcd891d.txt',
    '004': '004_79c1d8f50615fba5.txt',
  };
  return readFileSync(join(SEEDS, names[prefix]), 'utf8');
};

function chromeTexts(raw: string, analysis: RawAnalysis): string[] {
  return analysis.chrome.map((r) => raw.slice(r.start, r.end));
}

/** Every line of the body is a line of the raw text, unchanged. */
function expectVerbatim(raw: string, body: string): void {
  const rawLines = new Set(raw.split('\n'));
  for (const line of body.split('\n')) if (line !== '') expect(rawLines.has(line)).toBe(true);
  expect(body).not.toMatch(/\n\n\n/);
  expect(body).toBe(body.trim());
}

describe('analyseRawText on the seeds', () => {
  it('000: title, no outlet, "Other news" dropped', () => {
    const raw = seed('000');
    const a = analyseRawText(raw, rules);
    expect(a).toMatchObject({ title: 'Coalition spokesman: Alliance with SDF to continue', language: 'en' });
    expect(a.outlet).toBeUndefined();
    expect(a.published).toBeUndefined();
    expect(chromeTexts(raw, a)).toEqual(['Other news']);
    const body = cleanBody(raw, a);
    expect(body.startsWith('The spokesman of the international coalition for fighting ISIS said')).toBe(true);
    expect(body.endsWith('Victory has been achieved."')).toBe(true);
    // A subheading inside the story stays.
    expect(body).toContain('\n\nAs military forces, we are not authorized to respond to Assad\'s statements\n\n');
    expectVerbatim(raw, body);
  });

  it('001: Baghdad Post banner and "Last Modified" date line', () => {
    const raw = seed('001');
    const a = analyseRawText(raw, rules);
    expect(a).toMatchObject({
      title: 'US-led Coalition says will continue assisting SDF after ISIS defeat in Syria',
      outlet: 'Baghdad Post',
      published: { value: '2019-03-24', precision: 'day' },
      language: 'en',
    });
    expect(chromeTexts(raw, a)).toEqual(['Iraq News - Local News - Baghdadpost', 'Last Modified: Sunday، 24 March 2019 02:47 PM']);
    const body = cleanBody(raw, a);
    expect(body).not.toMatch(/Baghdadpost|Last Modified|US-led Coalition says will continue/);
    expect(body.endsWith('fled from Baghouz over the past month.')).toBe(true);
    expectVerbatim(raw, body);
  });

  it('002: Shafaq News, repeated title, "Shafaq Live" and "Radio radio icon" dropped, dateline kept', () => {
    const raw = seed('002');
    const a = analyseRawText(raw, rules);
    expect(a).toMatchObject({ title: 'US Troops move from Syria to Iraq is a routine move, the International Coalition says', outlet: 'Shafaq News', language: 'en' });
    expect(a.chrome.map((r) => r.reason)).toEqual(['repeated title', 'chrome: Shafaq Live', 'chrome: Shafaq Live', 'chrome: Radio radio icon']);
    const body = cleanBody(raw, a);
    expect(body).not.toMatch(/Shafaq Live|Radio radio icon|routine move, the International Coalition says/);
    expect(body.startsWith('Shafaq News / The international coalition said on Tuesday')).toBe(true);
    expectVerbatim(raw, body);
  });

  it('003: Shafaq News by its dateline', () => {
    const raw = seed('003');
    const a = analyseRawText(raw, rules);
    expect(a).toMatchObject({ title: 'The international coalition confirms its stay in Iraq and determines the whereabouts of ISIS', outlet: 'Shafaq News', language: 'en' });
    expect(a.published).toBeUndefined();
    expect(chromeTexts(raw, a)).toEqual(['Shafaq Live', 'Shafaq Live']);
    expectVerbatim(raw, cleanBody(raw, a));
  });

  it('004: Arabic, North Pulse Network banners, comments notice dropped', () => {
    const raw = seed('004');
    const a = analyseRawText(raw, rules);
    expect(a).toMatchObject({ title: 'التحالف الدولي: المهمة لم تنته وملتزمون بالقضاء على داعش وشبكاته المالية', outlet: 'North Pulse Network', language: 'ar' });
    expect(chromeTexts(raw, a)).toEqual(['NORTH PULSE NETWORK NPN', 'نورث بالس', 'التعليقات مغلقة، ولكن تركبكس وبينغبكس مفتوحة.']);
    const body = cleanBody(raw, a);
    expect(body.startsWith('وصل اليوم الثلاثاء')).toBe(true);
    expect(body.endsWith('وتقديم الدعم لقوات سوريا الديمقراطية.')).toBe(true);
    expect(body).not.toMatch(/التعليقات مغلقة|NORTH PULSE|نورث بالس/);
    expectVerbatim(raw, body);
  });
});

describe('maskChrome', () => {
  it.each(['000', '001', '002', '003', '004'])('%s: same length, clutter and title blanked, everything else in place', (name) => {
    const raw = seed(name);
    const a = analyseRawText(raw, rules);
    const masked = maskChrome(raw, a);
    expect(masked.length).toBe(raw.length);
    const blanked = [...a.chrome, ...(a.titleRange ? [a.titleRange] : [])];
    const expected = raw.split('').map((c, i) => (c !== '\n' && blanked.some((r) => i >= r.start && i < r.end) ? ' ' : c)).join('');
    expect(masked).toBe(expected);
  });

  it('keeps quotations at their offsets', () => {
    const raw = seed('000');
    const masked = maskChrome(raw, analyseRawText(raw, rules));
    const quote = "If it were not for the fighters' resistance and constant struggle, victory would not have been achieved.";
    const start = raw.indexOf(quote);
    expect(start).toBe(197);
    expect(masked.slice(start, start + quote.length)).toBe(quote);
  });

  it('can leave the title readable', () => {
    const raw = seed('001');
    const a = analyseRawText(raw, rules);
    expect(maskChrome(raw, a, { keepTitle: true })).toContain('US-led Coalition says will continue assisting SDF');
    expect(maskChrome(raw, a, { keepTitle: true })).not.toContain('Baghdadpost');
    expect(maskChrome(raw, a)).not.toContain('US-led Coalition says will continue assisting SDF');
  });
});

describe('analyseRawText on other page shapes', () => {
  it('drops a related-links block, credits, tags and a comments section after the story', () => {
    const raw = [
      'Coalition strikes ISIS hideouts in Hamrin mountains',
      '',
      'By Jane Doe | 14 March 2022',
      '',
      'BAGHDAD — Coalition aircraft struck ISIS hideouts on Monday, the Iraqi military said.',
      '',
      '"We will keep up the pressure," a spokesman said.',
      '',
      'Reporting by Jane Doe; Editing by John Roe',
      'Tags: Iraq, ISIS',
      '',
      'Related Articles',
      'Peshmerga and Iraqi army form joint brigades',
      'ISIS claims attack in Garmiyan',
      '',
      'Comments',
      'Leave a Reply',
    ].join('\n');
    const a = analyseRawText(raw, rules);
    expect(a.title).toBe('Coalition strikes ISIS hideouts in Hamrin mountains');
    expect(a.published).toEqual({ value: '2022-03-14', precision: 'day' });
    expect(cleanBody(raw, a)).toBe(
      'BAGHDAD — Coalition aircraft struck ISIS hideouts on Monday, the Iraqi military said.\n\n"We will keep up the pressure," a spokesman said.',
    );
  });

  it('keeps a story paragraph that merely starts like clutter', () => {
    const raw = 'Coalition says mission goes on\n\nOther news from the front was grim: three soldiers were killed near Kirkuk on Sunday.\n\nPrint media reported the attack first.';
    const a = analyseRawText(raw, rules);
    expect(cleanBody(raw, a)).toBe('Other news from the front was grim: three soldiers were killed near Kirkuk on Sunday.\n\nPrint media reported the attack first.');
  });

  it('drops section labels and dateline lines above the story but keeps a subtitle', () => {
    const raw = [
      'Arab World',
      'Iraq, US Agree on Two-Stage End to Coalition Mission',
      '',
      'Baghdad - Asharq Al-Awsat',
      'Coalition forces will leave federal Iraq by 2025, officials say',
      '',
      'Iraq and the United States announced on Friday a timetable to end the mission of the coalition.',
    ].join('\n');
    const a = analyseRawText(raw, rules);
    expect(a).toMatchObject({ title: 'Iraq, US Agree on Two-Stage End to Coalition Mission', outlet: 'Asharq Al-Awsat' });
    expect(cleanBody(raw, a)).toBe(
      'Coalition forces will leave federal Iraq by 2025, officials say\n\nIraq and the United States announced on Friday a timetable to end the mission of the coalition.',
    );
  });

  it('has no title when the page opens with its story', () => {
    const raw = 'رووداو ديجيتال\n\nأعلن قائد قوات البيشمركة أن عملية عسكرية مشتركة انطلقت فجر اليوم.\n\nوقال بارزاني إن "العملية انطلقت من ثلاثة محاور".';
    const a = analyseRawText(raw, rules);
    expect(a.title).toBeUndefined();
    expect(a).toMatchObject({ outlet: 'Rudaw', language: 'ar' });
  });

  it('reads CRLF text, keeping offsets and writing the body with \\n', () => {
    const raw = seed('002').replace(/\n/g, '\r\n');
    const a = analyseRawText(raw, rules);
    expect(a.outlet).toBe('Shafaq News');
    for (const r of a.chrome) expect(raw.slice(r.start, r.end)).not.toMatch(/[\r\n]/);
    const body = cleanBody(raw, a);
    expect(body).not.toContain('\r');
    expect(body).toBe(cleanBody(seed('002'), analyseRawText(seed('002'), rules)));
    expect(maskChrome(raw, a).length).toBe(raw.length);
  });

  it('names the outlet from a url when the text does not', () => {
    const raw = 'Coalition says mission goes on\n\nThe coalition will stay, officials said on Monday.';
    expect(analyseRawText(raw, rules, { url: 'https://www.kurdistan24.net/en/story/1' }).outlet).toBe('Kurdistan24');
    expect(analyseRawText(raw, rules).outlet).toBeUndefined();
  });
});

// Quotations labelled in the held-out articles must survive the cleaning (headlines aside, which
// maskChrome blanks unless asked to keep them).
const HELDOUT_GOLD = join(__dirname, '..', 'fixtures', 'heldout', 'gold.jsonl');
(existsSync(HELDOUT_GOLD) ? describe : describe.skip)('held-out articles', () => {
  it('no labelled quotation falls in a clutter range', () => {
    const records = readFileSync(HELDOUT_GOLD, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { article: string; start: number; end: number; quote: string; text: string });
    expect(records.length).toBeGreaterThan(0);
    const analyses = new Map<string, RawAnalysis>();
    for (const r of records) {
      if (!analyses.has(r.article)) analyses.set(r.article, analyseRawText(r.text, rules));
      const masked = maskChrome(r.text, analyses.get(r.article) as RawAnalysis, { keepTitle: true });
      expect(masked.slice(r.start, r.end)).toBe(r.quote);
    }
  });
});
