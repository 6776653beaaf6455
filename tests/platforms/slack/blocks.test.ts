/** Block Kit rendering within Slack's limits, escaping, and paging button values. */
import type { Digest, DigestStory } from '../../../src/core/digest/buildDigest';
import type { QuoteView, Reply } from '../../../src/commands/reply';
import { fallbackText, LIMITS, replyToMessage, type Block } from '../../../src/platforms/slack/blocks';
import { PageValues } from '../../../src/platforms/slack/pageValues';
import { escapeMrkdwn, slackTextToPlain, stripBotMention, truncateMrkdwn } from '../../../src/platforms/slack/slackText';
import { blockTexts } from './harness';

function quote(i: number, text: string, extra: Partial<QuoteView> = {}): QuoteView {
  return { id: `a${i}:${i * 10}`, text, speaker: 'Myles B. Caggins III', speakerId: 'myles-caggins', role: 'Spokesman, CJTF-OIR', kind: 'direct', language: 'en', articleId: `a${i}`, title: `Title ${i}`, outlet: 'Outlet', date: '2020-03-06', url: null, ...extra };
}

function checkLimits(blocks: Block[]): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  let total = 0;
  for (const b of blocks) {
    const texts = blockTexts(b);
    total += texts.reduce((n, t) => n + t.length, 0);
    if (b.type === 'header') expect(texts[0].length).toBeLessThanOrEqual(LIMITS.headerText);
    if (b.type === 'section') expect(texts[0].length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (b.type === 'context') expect((b as { elements: unknown[] }).elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (b.type === 'actions') {
      for (const e of (b as { elements: Array<{ value: string; text: { text: string } }> }).elements) {
        expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
      }
    }
  }
  expect(total).toBeLessThanOrEqual(LIMITS.messageBlockText);
}

describe('escaping', () => {
  it('escapes &, < and > so markup in text pings nobody', () => {
    expect(escapeMrkdwn('<!channel> <!here> <@U123> A & B > C')).toBe('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; A &amp; B &gt; C');
  });

  it('passes Arabic through untouched', () => {
    const ar = 'قال كوبسي إن «المهمة لم تنتهِ» & ١٢٠ ألفًا';
    expect(escapeMrkdwn(ar)).toBe('قال كوبسي إن «المهمة لم تنتهِ» &amp; ١٢٠ ألفًا');
    const { blocks } = replyToMessage({ kind: 'quotes', heading: 'Quotes by Kevin Copsey', quotes: [quote(1, 'المهمة لم تنتهِ', { language: 'ar' })], total: 1, offset: 0 });
    expect(blockTexts(blocks).join('\n')).toContain('>“المهمة لم تنتهِ”');
  });

  it('never cuts inside an entity, a link or an open code span', () => {
    expect(truncateMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(truncateMrkdwn('see <https://x.example/long|label> now', 20)).toBe('see …');
    expect(truncateMrkdwn('id `abcdef` x', 8)).toBe('id …');
  });

  it('reads Slack-escaped input back to what was typed', () => {
    expect(slackTextToPlain('quotes A &amp; B &lt;x&gt; <https://example.com|example.com> <#C1|news> <@U1|ann> <!here>')).toBe('quotes A & B <x> example.com #news @ann @here');
    expect(stripBotMention('<@U0BOT> Caggins', 'U0BOT')).toBe('Caggins');
    expect(stripBotMention('<@U0BOT|coalition>: quotes Kagens', 'U0BOT')).toBe('quotes Kagens');
    expect(stripBotMention('hey <@U0BOT>, كوبسي', 'U0BOT')).toBe('hey كوبسي');
  });
});

describe('limits', () => {
  it('25 long quotes fit: sections under 3,000, ≤ 50 blocks, total text budget, a visible note for what was left out', () => {
    const quotes = Array.from({ length: 25 }, (_, i) => quote(i, `${'word '.repeat(600)}<!channel>`));
    const reply: Reply = { kind: 'quotes', heading: 'Quotes', quotes, total: 100, offset: 0, next: { command: 'quotes', args: { page: 2, limit: 25 } } };
    const { blocks, text } = replyToMessage(reply, { pageValue: (p) => JSON.stringify(p) });
    checkLimits(blocks);
    const texts = blockTexts(blocks).join('\n');
    expect(texts).toContain('…”');
    expect(texts).toContain('more quotes not shown here');
    // The paging buttons always survive the cut.
    expect(blocks[blocks.length - 1].type).toBe('actions');
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(text.endsWith('…')).toBe(true);
  });

  it('cuts a long header to 150 characters with "…"', () => {
    const { blocks } = replyToMessage({ kind: 'notice', title: 'T'.repeat(400), lines: ['x'] });
    const header = blockTexts(blocks[0])[0];
    expect(header.length).toBe(150);
    expect(header.endsWith('…')).toBe(true);
  });

  it('splits long notices into several sections', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(60)}`);
    const { blocks } = replyToMessage({ kind: 'notice', title: 'Many', lines });
    checkLimits(blocks);
    expect(blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(1);
  });

  it('a ten-story digest with long sentences stays within limits', () => {
    const story = (i: number): DigestStory => ({
      id: `s${i}`,
      headline: `Headline ${i} ${'h'.repeat(400)}`,
      headlineArticle: `a${i}`,
      when: '2020-11-24',
      language: 'en',
      otherLanguage: false,
      languages: ['en', 'ar'],
      articles: [`a${i}`, `b${i}`],
      speakers: [],
      sentences: [1, 2, 3].map((k) => ({ text: `Sentence ${k} ${'s'.repeat(1500)} & <@U1>`, article: `a${i}`, start: 0, end: 10 })),
      quotes: [1, 2, 3].map((k) => ({ quote: `Quote ${k} ${'q'.repeat(800)}`, speaker: 'Kevin Copsey', speakerId: 'kevin-copsey', kind: 'direct' as const, article: `a${i}`, start: 0, end: 1 })),
      sources: Array.from({ length: 15 }, (_, k) => ({ article: `a${i}-${k}`, title: 't', outlet: `Outlet ${k}`, published: '2020-11-24', url: `https://example.com/${k}?a=1&b=2`, language: 'en' as const })),
      score: 1,
    });
    const digest: Digest = { window: { since: null, until: null, latest: true, language: 'en', speakerId: null, articles: 20, considered: 20, stories: 10 }, stories: Array.from({ length: 10 }, (_, i) => story(i)) };
    const { blocks } = replyToMessage({ kind: 'digest', heading: 'Digest', digest });
    checkLimits(blocks);
    expect(blockTexts(blocks).join('\n')).toContain('more stories not shown here');
    expect(blockTexts(blocks).join('\n')).not.toContain('<@U1>');
  });

  it('errors are ephemeral with usage as code; notices are ephemeral only when they say so', () => {
    const err = replyToMessage({ kind: 'error', message: 'since: "x" is not a date\nUsage: /coalition quotes [since:YYYY-MM-DD]' });
    expect(err.ephemeral).toBe(true);
    expect(blockTexts(err.blocks)[0]).toBe(':warning: since: "x" is not a date\nUsage: `/coalition quotes [since:YYYY-MM-DD]`');
    expect(replyToMessage({ kind: 'notice', title: 'Help', lines: [], ephemeral: true }).ephemeral).toBe(true);
    expect(replyToMessage({ kind: 'notice', title: 'Subscribed', lines: [] }).ephemeral).toBe(false);
  });

  it('the fallback text is the text rendering, escaped', () => {
    expect(fallbackText({ kind: 'error', message: 'no speaker matches \'<!here>\'' })).toBe('error: no speaker matches \'&lt;!here&gt;\'');
  });
});

describe('paging button values', () => {
  it('carry the page request inline as compact JSON with raw option values', () => {
    const pages = new PageValues();
    const value = pages.encode({ command: 'quotes', args: { speaker: 'كوبسي', since: { value: '2020-01', precision: 'month' }, limit: 5, page: 2 } });
    expect(JSON.parse(value)).toEqual({ c: 'quotes', a: { speaker: 'كوبسي', since: '2020-01', limit: 5, page: 2 } });
    expect(pages.decode(value)).toEqual({ ok: true, page: { command: 'quotes', args: { speaker: 'كوبسي', since: '2020-01', limit: 5, page: 2 } } });
  });

  it('keep a request too long for a button in the LRU, and report it expired once evicted', () => {
    const pages = new PageValues(2, 100);
    const long = (n: number) => pages.encode({ command: 'quotes', args: { search: `${n} ${'x'.repeat(150)}`, page: 2 } });
    const first = long(1);
    expect(first.length).toBeLessThan(100);
    expect(pages.decode(first)).toMatchObject({ ok: true, page: { command: 'quotes', args: { page: 2 } } });
    long(2);
    long(3);
    expect(pages.size).toBe(2);
    expect(pages.decode(first)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reject values that are not page requests', () => {
    const pages = new PageValues();
    expect(pages.decode('not json')).toEqual({ ok: false, reason: 'malformed' });
    expect(pages.decode(JSON.stringify({ c: 'quotes', a: { speaker: { nested: true } } }))).toEqual({ ok: false, reason: 'malformed' });
    expect(pages.decode(undefined)).toEqual({ ok: false, reason: 'malformed' });
  });
});
