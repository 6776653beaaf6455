/**
 * Replies → Discord messages within Discord's limits, with a visible "…" instead of an API
 * error: title 256, description 4096, 25 fields (256/1024), footer 2048, author 256, 6000
 * characters per message, 10 embeds per message, content 2000.
 */
import type { APIEmbed } from 'discord.js';
import type { QuoteView, Reply, ScheduleView } from '../../../src/commands/reply';
import type { Digest, DigestStory } from '../../../src/core/digest/buildDigest';
import { clip, clipLines, embedLength, LIMITS, packEmbeds, renderReply, type OutgoingMessage } from '../../../src/platforms/discord/embeds';

const long = (n: number, word = 'word'): string => Array.from({ length: Math.ceil(n / (word.length + 1)) }, () => word).join(' ').slice(0, n);

function checkLimits(messages: OutgoingMessage[]): void {
  expect(messages.length).toBeLessThanOrEqual(LIMITS.messages);
  for (const m of messages) {
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.total);
    expect((m.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
    for (const e of m.embeds) checkEmbed(e);
  }
}

function checkEmbed(e: APIEmbed): void {
  expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
  expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
  expect((e.author?.name ?? '').length).toBeLessThanOrEqual(LIMITS.author);
  expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
  expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
}

function quote(i: number, text: string, language: 'en' | 'ar' = 'en'): QuoteView {
  return {
    id: `2020-01-01-x:${i}`,
    text,
    speaker: `Speaker ${i}`,
    speakerId: `s${i}`,
    role: 'Spokesman, CJTF-OIR',
    kind: 'direct',
    language,
    articleId: '2020-01-01-x',
    title: `Article ${i}`,
    outlet: 'Wire',
    date: '2020-01-01',
    url: 'https://example.org/a',
  };
}

function story(i: number, size: number): DigestStory {
  return {
    id: `story-${i}`,
    headline: `Headline ${i} ${long(400)}`,
    headlineArticle: `a${i}`,
    when: '2020-01-01',
    language: 'en',
    otherLanguage: false,
    languages: ['en'],
    articles: [`a${i}`],
    speakers: [],
    sentences: [0, 1, 2].map((k) => ({ text: long(size), article: `a${i}`, start: k, end: k + size })),
    quotes: [0, 1, 2].map((k) => ({ quote: long(size, 'said'), speaker: 'Someone', speakerId: null, kind: 'direct' as const, article: `a${i}`, start: k, end: k })),
    sources: Array.from({ length: 40 }, (_, k) => ({ article: `a${i}-${k}`, title: 't', outlet: `Outlet ${k}`, published: '2020-01-01', url: `https://example.org/${i}/${k}`, language: 'en' as const })),
    score: 1,
  };
}

describe('text cuts', () => {
  test('clip cuts with "…" and never inside a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    const emoji = 'ab😀😀😀';
    const cut = clip(emoji, 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(cut.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(cut)).toBe(false);
  });

  test('clipLines keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const text = clipLines(lines, 60);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text).toMatch(/^line 0\nline 1\n.*\n… \d+ more$/s);
  });
});

describe('limits', () => {
  test('a notice with an over-long title and lines', () => {
    const [m] = renderReply({ kind: 'notice', title: long(300), lines: Array.from({ length: 500 }, () => long(50)) });
    checkLimits([m]);
    expect(m.embeds[0].title!.length).toBeGreaterThan(250);
    expect(m.embeds[0].title!.endsWith('…')).toBe(true);
    expect(m.embeds[0].description).toMatch(/… \d+ more$/);
  });

  test('a digest of ten huge stories: split over messages, each within 10 embeds and 6000 characters', () => {
    const digest: Digest = { window: { since: null, until: null, latest: true, language: 'en', speakerId: null, articles: 400, considered: 400, stories: 10 }, stories: Array.from({ length: 10 }, (_, i) => story(i, 3000)) };
    const messages = renderReply({ kind: 'digest', heading: `Digest ${long(300)}`, digest });
    checkLimits(messages);
    expect(messages.length).toBeGreaterThan(1);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds).toHaveLength(11);
    expect(embeds[1].description).toMatch(/…/);
    expect(embeds[1].fields![0].value).toMatch(/… \d+ more$/);
    expect(messages.every((m) => !m.ephemeral)).toBe(true);
  });

  test('packEmbeds: at most 10 embeds per message, and a note when even five messages are not enough', () => {
    const small = Array.from({ length: 23 }, (_, i): APIEmbed => ({ description: `e${i}` }));
    expect(packEmbeds(small).map((m) => m.length)).toEqual([10, 10, 3]);
    const big = Array.from({ length: 12 }, (): APIEmbed => ({ description: long(4000) }));
    const packed = packEmbeds(big);
    expect(packed).toHaveLength(LIMITS.messages);
    expect(packed[LIMITS.messages - 1][0].description).toMatch(/^… 8 more not shown/);
  });

  test('25 quotes on a page: one embed with a field per quote', () => {
    const quotes = Array.from({ length: 25 }, (_, i) => quote(i, long(2000)));
    const reply: Reply = { kind: 'quotes', heading: 'Quotes', quotes, total: 100, offset: 0, next: { command: 'quotes', args: { limit: 25, page: 2 } } };
    const messages = renderReply(reply, { pageButton: () => 'coalition:page:abc' });
    checkLimits(messages);
    expect(messages[0].embeds).toHaveLength(1);
    expect(messages[0].embeds[0].fields).toHaveLength(25);
    expect(messages[0].components![0].components.map((b) => ('label' in b ? b.label : ''))).toEqual(['◀ Previous', 'Page 1 of 4', 'Next ▶']);
  });

  test('five long quotes: one embed each, shortened to share 6000 characters', () => {
    const messages = renderReply({ kind: 'quotes', heading: 'Quotes', quotes: Array.from({ length: 5 }, (_, i) => quote(i, long(3000))), total: 5, offset: 0 });
    checkLimits(messages);
    expect(messages[0].embeds).toHaveLength(5);
    expect(messages[0].embeds[0].description!.endsWith('…')).toBe(true);
    // No next or previous page, or no way to page (a scheduled post): no buttons.
    expect(messages[0].components).toBeUndefined();
  });

  test('100 speakers with long names, 30 schedules', () => {
    const speakers = renderReply({ kind: 'speakers', speakers: Array.from({ length: 100 }, (_, i) => ({ id: `s${i}`, name: long(90, `name${i}`), learned: i % 2 === 0, quotes: 100 - i })), total: 250 });
    checkLimits(speakers);
    expect(speakers[0].embeds[0].description).toMatch(/… \d+ more$/);
    const schedules: ScheduleView[] = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, channelId: 'c', description: long(600), status: i % 3 ? 'active' : 'paused', pausedReason: long(600), nextRun: new Date(0), recent: Array.from({ length: 5 }, () => ({ slot: new Date(0), status: 'failed', error: long(300) })) }));
    const rendered = renderReply({ kind: 'schedules', channelId: 'c', schedules });
    checkLimits(rendered);
    expect(rendered[0].embeds[0].fields).toHaveLength(25);
    expect(rendered[0].embeds[0].fields![24]).toEqual({ name: '…', value: '6 more not shown' });
  });
});

describe('rendering', () => {
  test('errors are ephemeral; notices are ephemeral only when they say so', () => {
    expect(renderReply({ kind: 'error', message: 'no speaker matches x' })[0]).toMatchObject({ ephemeral: true, embeds: [{ description: '⚠️ no speaker matches x' }] });
    expect(renderReply({ kind: 'notice', title: 't', lines: [] })[0].ephemeral).toBe(false);
    expect(renderReply({ kind: 'notice', title: 't', lines: [], ephemeral: true })[0].ephemeral).toBe(true);
  });

  test('Arabic quotes start with a right-to-left mark and use «»; Markdown in quotes stays literal', () => {
    const [m] = renderReply({ kind: 'quotes', heading: 'Quotes', quotes: [quote(1, '٢٠٢٠ المهمة لم تنتهِ', 'ar'), quote(2, 'a *bold* _claim_')], total: 2, offset: 0 });
    expect(m.embeds[0].description).toBe('\u200F«٢٠٢٠ المهمة لم تنتهِ»');
    expect(m.embeds[1].description).toBe('“a \\*bold\\* \\_claim\\_”');
  });

  test('a card: embed with the image as attachment and the PNG as a file', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const [m] = renderReply({ kind: 'card', png, fileName: 'quote-x.png', card: { id: 'a:1', articleId: 'a', quote: 'We will stay', kind: 'direct', speaker: 'Kevin Copsey', speakerId: 'kevin-copsey', role: 'Deputy Commander', rank: 'Maj. Gen.', outlet: 'Wire', dateText: '24 November 2020', url: 'https://example.org/x', language: 'en', direction: 'ltr', title: 'T' } });
    expect(m.files).toEqual([{ name: 'quote-x.png', data: png }]);
    expect(m.embeds[0]).toMatchObject({ image: { url: 'attachment://quote-x.png' }, url: 'https://example.org/x', description: '“We will stay”' });
    expect(m.embeds[0].fields!.slice(0, 3)).toEqual([
      { name: 'Role', value: 'Maj. Gen. Deputy Commander', inline: true },
      { name: 'Outlet', value: 'Wire', inline: true },
      { name: 'Date', value: '24 November 2020', inline: true },
    ]);
  });
});
