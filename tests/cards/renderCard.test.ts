import type { QuoteCard } from '../../src/core/cards/cardModel';
import { CARD_HEIGHT, CARD_WIDTH, ELLIPSIS, layoutCard, renderCardPng, textDirection } from '../../src/core/cards/renderCard';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which follows the 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const english: QuoteCard = {
  id: 'a1:10',
  articleId: 'a1',
  quote: 'The coalition is committed to supporting the SDF since the mission to fight ISIS is not over yet',
  kind: 'direct',
  speaker: 'Kevin Copsey',
  speakerId: 'kevin-copsey',
  rank: 'Maj. Gen.',
  role: 'Deputy Commander (Strategy and Support), CJTF-OIR',
  outlet: 'Shafaq News',
  dateText: '24 November 2020',
  language: 'en',
  direction: 'ltr',
  title: 'A title',
};

const arabic: QuoteCard = {
  ...english,
  id: 'a2:5',
  quote: 'التحالف ملتزم بدعم قوات سوريا الديمقراطية لأن مهمة محاربة داعش لم تنتهِ بعد، ونحن ملتزمون حتى القضاء على داعش وعلى شبكاته المالية',
  speaker: 'كيفين كوبسي',
  outlet: 'North Pulse Network',
  dateText: '24 نوفمبر 2020',
  language: 'ar',
  direction: 'rtl',
};

const quoteLines = (card: QuoteCard) => layoutCard(card).lines.filter((l) => l.kind === 'quote');

describe('quote card renderer', () => {
  it('renders a 1200×675 PNG', () => {
    expect(pngSize(renderCardPng(english))).toEqual({ width: 1200, height: 675 });
    expect([CARD_WIDTH, CARD_HEIGHT]).toEqual([1200, 675]);
  });

  it('lays an Arabic card out right to left, right-aligned, with Arabic quote marks', () => {
    const layout = layoutCard(arabic);
    expect(layout.direction).toBe('rtl');
    const lines = quoteLines(arabic);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(l.direction).toBe('rtl');
      expect(l.align).toBe('right');
      expect(l.x).toBeGreaterThan(CARD_WIDTH / 2);
    }
    expect(lines[0].text.startsWith('«')).toBe(true);
    expect(lines[lines.length - 1].text.endsWith('»')).toBe(true);
    // Wrapping never drops or reorders words.
    expect(lines.map((l) => l.text).join(' ')).toBe(`«${arabic.quote}»`);
    const speaker = layout.lines.find((l) => l.kind === 'speaker')!;
    expect(speaker).toMatchObject({ text: 'كيفين كوبسي', direction: 'rtl', align: 'right' });
    expect(pngSize(renderCardPng(arabic))).toEqual({ width: 1200, height: 675 });
  });

  it('renders Latin words and digits inside Arabic lines', () => {
    const mixed = { ...arabic, quote: 'قال المتحدث باسم CJTF-OIR إن ISIS خسر 8 million dollars في عام 2020 (according to the Pentagon)' };
    expect(() => renderCardPng(mixed)).not.toThrow();
    for (const l of quoteLines(mixed)) expect(l.direction).toBe('rtl');
    expect(textDirection('North Pulse Network')).toBe('ltr');
    expect(textDirection('2020 نوفمبر')).toBe('rtl');
  });

  it('wraps a long quote into several lines that fit the card', () => {
    const long = { ...english, quote: `${english.quote}. `.repeat(4).trim() };
    const layout = layoutCard(long);
    expect(layout.quoteLines.length).toBeGreaterThan(2);
    expect(layout.truncated).toBe(false);
    for (const l of quoteLines(long)) expect(l.width).toBeLessThanOrEqual(CARD_WIDTH - 2 * 90);
    // A short quote is drawn larger than a long one.
    expect(layoutCard({ ...english, quote: 'We will stay.' }).fontSize).toBeGreaterThan(layout.fontSize);
  });

  it('shortens a 2,000-character quote with an ellipsis and still renders it', () => {
    const words = 'the coalition will continue to support its partners in the fight against ISIS remnants '.repeat(30);
    const quote = words.slice(0, 2000);
    expect(quote).toHaveLength(2000);
    const layout = layoutCard({ ...english, quote });
    expect(layout.truncated).toBe(true);
    const last = layout.quoteLines[layout.quoteLines.length - 1];
    expect(last.endsWith(`${ELLIPSIS}”`)).toBe(true);
    expect(layout.quoteLines.join(' ').length).toBeLessThan(1000);
    for (const l of quoteLines({ ...english, quote })) expect(l.width).toBeLessThanOrEqual(CARD_WIDTH - 2 * 90);
    expect(pngSize(renderCardPng({ ...english, quote }))).toEqual({ width: 1200, height: 675 });

    const arabicLong = { ...arabic, quote: `${arabic.quote} `.repeat(20).slice(0, 2000) };
    const al = layoutCard(arabicLong);
    expect(al.truncated).toBe(true);
    expect(al.quoteLines[al.quoteLines.length - 1].endsWith(`${ELLIPSIS}»`)).toBe(true);
    expect(pngSize(renderCardPng(arabicLong))).toEqual({ width: 1200, height: 675 });
  });

  it('splits a single word wider than the card instead of overflowing', () => {
    const layout = layoutCard({ ...english, quote: 'x'.repeat(300) });
    for (const l of layout.lines.filter((x) => x.kind === 'quote')) expect(l.width).toBeLessThanOrEqual(CARD_WIDTH - 2 * 90);
  });

  it('draws reported speech without quote marks and is deterministic', () => {
    const indirect = { ...english, kind: 'indirect' as const };
    expect(layoutCard(indirect).quoteLines[0].startsWith('“')).toBe(false);
    expect(renderCardPng(english).equals(renderCardPng(english))).toBe(true);
  });
});
