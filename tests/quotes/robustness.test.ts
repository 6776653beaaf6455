import { freshRegistry, quotesOf } from '../helpers/core';
import { mulberry32 } from '../../bench/synthetic';


const PIECES = [
  'He said', 'said', 'Kagens', 'Col. Wayne Maroto', 'the spokesman', ' ', ' ', '. ', ', ', ': ', '\n\n', '\n', '"', '“', '”', '«', '»', "'", '’',
  'قال', 'وأضاف', 'كوبسي', 'إن', 'أن', '،', ':”', '””', 'التحالف الدولي', 'the coalition', 'ISIS', 'according to', 'U.S.', '—', 'Q:', 'GEN. RYDER:',
  'we will stay', 'لن نسمح', '(', ')', '…', 'A U.S. official', 'مصدر أمني', 'told reporters that', '\u200f', '\u0640', '😀',
];

describe('extractQuotes on arbitrary text', () => {
  it('never throws and every quote is the text at its offsets', () => {
    const random = mulberry32(20201124);
    const registry = freshRegistry();
    for (let n = 0; n < 300; n++) {
      const len = 1 + Math.floor(random() * 60);
      let text = '';
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(random() * PIECES.length)];
      const quotes = quotesOf(text, registry);
      for (const q of quotes) {
        expect(q.start).toBeGreaterThanOrEqual(0);
        expect(q.end).toBeLessThanOrEqual(text.length);
        expect(q.start).toBeLessThan(q.end);
        expect(text.slice(q.start, q.end)).toBe(q.text);
        expect(q.confidence).toBeGreaterThanOrEqual(0);
        expect(q.confidence).toBeLessThanOrEqual(1);
      }
    }
  });

  it('handles empty, blank and mark-only texts', () => {
    for (const t of ['', ' ', '\n\n\n', '"', '""', '“”', '«»', '"""""', '” ” ” ”']) expect(quotesOf(t)).toEqual([]);
  });

  it('copes with a long article (hundreds of paragraphs) in one piece', () => {
    const para = 'Col. Wayne Marotto said the coalition would stay. "We remain committed to our partners," he added.\n\n';
    const text = para.repeat(400);
    const quotes = quotesOf(text);
    expect(quotes.length).toBe(800);
    expect(new Set(quotes.map((q) => q.speaker))).toEqual(new Set(['Wayne Marotto']));
  });
});
