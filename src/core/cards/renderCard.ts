/**
 * Draws a QuoteCard as a 1200×675 PNG with @napi-rs/canvas, which shapes Arabic correctly (joined
 * letters, right to left, mixed Latin runs in order). Line breaking is ours, with measureText.
 * Fonts come from npm packages (Noto Sans, Noto Sans Arabic): nothing is fetched at run time.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { QuoteCard, TextDirection } from './cardModel';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 675;

const PAD_X = 90;
const TEXT_WIDTH = CARD_WIDTH - 2 * PAD_X;
/** The quote block: its lines are centred vertically between these. */
const QUOTE_TOP = 70;
const QUOTE_BOTTOM = 440;
const MAX_FONT = 58;
const MIN_FONT = 30;
const FONT_STEP = 2;
/** Longer quotes are cut (at a word) before layout: the card could not show more at MIN_FONT anyway. */
const MAX_QUOTE_CHARS = 800;
export const ELLIPSIS = '…';

const COLORS = {
  background: '#10213a',
  accent: '#e8a73a',
  quote: '#f7f5ef',
  speaker: '#ffffff',
  role: '#c3cedb',
  footer: '#9fb0c4',
  rule: '#2d4466',
};

const LATIN_FAMILY = '"Noto Sans"';
const ARABIC_FAMILY = '"Noto Sans Arabic", "Noto Sans"';

let fontsReady = false;

/** Registers the npm-shipped fonts once (paths resolved from node_modules). */
export function registerCardFonts(): void {
  if (fontsReady) return;
  const files = [
    '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
    '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  ];
  for (const f of files) {
    const file = require.resolve(f);
    if (!GlobalFonts.registerFromPath(file)) throw new Error(`could not load font ${file}`);
  }
  fontsReady = true;
}

const ARABIC_CHAR = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const STRONG_CHAR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

/** The direction of a piece of text: that of its first strong letter, else `fallback`. */
export function textDirection(text: string, fallback: TextDirection = 'ltr'): TextDirection {
  const m = STRONG_CHAR.exec(text);
  if (!m) return fallback;
  return ARABIC_CHAR.test(m[0]) ? 'rtl' : 'ltr';
}

function fontFor(size: number, bold: boolean, arabic: boolean): string {
  return `${bold ? 'bold' : 'normal'} ${size}px ${arabic ? ARABIC_FAMILY : LATIN_FAMILY}`;
}

export interface CardLine {
  kind: 'quote' | 'speaker' | 'role' | 'source' | 'id';
  text: string;
  /** Anchor x: the left edge for align 'left', the right edge for 'right'. */
  x: number;
  /** Baseline. */
  y: number;
  font: string;
  color: string;
  direction: TextDirection;
  align: 'left' | 'right';
  width: number;
}

export interface CardLayout {
  width: number;
  height: number;
  direction: TextDirection;
  /** Font size of the quote. */
  fontSize: number;
  lineHeight: number;
  /** The quote's lines, as drawn (with quote marks, and the ellipsis when shortened). */
  quoteLines: string[];
  /** True when the quote was too long for the card and ends with "…". */
  truncated: boolean;
  lines: CardLine[];
}

let measureCtx: SKRSContext2D | undefined;

function measurer(): SKRSContext2D {
  registerCardFonts();
  measureCtx ??= createCanvas(8, 8).getContext('2d');
  return measureCtx;
}

function setText(ctx: SKRSContext2D, font: string, direction: TextDirection): void {
  ctx.font = font;
  ctx.direction = direction;
}

/** Splits a word wider than the line into pieces that fit (by code point). */
function splitLongWord(ctx: SKRSContext2D, word: string, maxWidth: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of Array.from(word)) {
    if (cur && ctx.measureText(cur + ch).width > maxWidth) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Greedy line breaking at spaces, with measureText; the context's font must be set. */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    const pieces = ctx.measureText(raw).width > maxWidth ? splitLongWord(ctx, raw, maxWidth) : [raw];
    for (const word of pieces) {
      const candidate = cur ? `${cur} ${word}` : word;
      if (!cur || ctx.measureText(candidate).width <= maxWidth) cur = candidate;
      else {
        lines.push(cur);
        cur = word;
      }
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

const TRAILING_PUNCT = /[\s,،;:.\-…]+$/u;

/** `text` cut (at a word when possible) and ended with "…" + `suffix`, within `maxWidth`. */
function ellipsize(ctx: SKRSContext2D, text: string, suffix: string, maxWidth: number): string {
  const fits = (t: string) => ctx.measureText(t).width <= maxWidth;
  const words = text.replace(TRAILING_PUNCT, '').split(' ');
  for (; words.length > 1; words.pop()) {
    const t = words.join(' ').replace(TRAILING_PUNCT, '') + ELLIPSIS + suffix;
    if (fits(t)) return t;
  }
  // A single word too wide: cut it by code point.
  const chars = Array.from(words[0] ?? '');
  while (chars.length > 0 && !fits(chars.join('') + ELLIPSIS + suffix)) chars.pop();
  return chars.join('') + ELLIPSIS + suffix;
}

/** One line of text that must not overflow: shortened with "…" if it would. */
function singleLine(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  return ellipsize(ctx, text, '', maxWidth);
}

function quoteMarks(card: QuoteCard): [string, string] {
  if (card.kind === 'indirect') return ['', ''];
  return card.language === 'ar' ? ['«', '»'] : ['“', '”'];
}

/** Cuts a very long quote at a word before MAX_QUOTE_CHARS. */
function preShorten(text: string): { text: string; cut: boolean } {
  const chars = Array.from(text);
  if (chars.length <= MAX_QUOTE_CHARS) return { text, cut: false };
  const head = chars.slice(0, MAX_QUOTE_CHARS).join('');
  const space = head.lastIndexOf(' ');
  return { text: (space > MAX_QUOTE_CHARS / 2 ? head.slice(0, space) : head).replace(TRAILING_PUNCT, ''), cut: true };
}

interface QuoteFit {
  size: number;
  lineHeight: number;
  lines: string[];
  truncated: boolean;
}

/** Size at which words are measured once; widths at other sizes are scaled from it. */
const REFERENCE_SIZE = 100;
/** Estimated lines are kept this much narrower, then checked with a real measure. */
const ESTIMATE_SLACK = 0.985;

/** Greedy breaking over pre-measured word widths: the words of each line. */
function wrapMeasured(words: string[], widths: number[], space: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let width = 0;
  for (let i = 0; i < words.length; i++) {
    if (i > start && width + space + widths[i] > maxWidth) {
      lines.push(words.slice(start, i).join(' '));
      start = i;
      width = widths[i];
    } else width += (i > start ? space : 0) + widths[i];
  }
  if (start < words.length) lines.push(words.slice(start).join(' '));
  return lines;
}

function fitQuote(ctx: SKRSContext2D, card: QuoteCard): QuoteFit {
  const arabic = card.language === 'ar';
  const [open, close] = quoteMarks(card);
  const { text, cut } = preShorten(card.quote);
  const full = `${open}${text}${cut ? ELLIPSIS : ''}${close}`;
  const area = QUOTE_BOTTOM - QUOTE_TOP;
  const spacing = arabic ? 1.55 : 1.32;

  // Words are measured once (Arabic joining never crosses a space, so a word's shape is the
  // same alone as in its line); each font size scales those widths instead of re-measuring.
  const words = full.split(/\s+/).filter(Boolean);
  setText(ctx, fontFor(REFERENCE_SIZE, false, arabic), card.direction);
  const cache = new Map<string, number>();
  const refWidths = words.map((w) => {
    let width = cache.get(w);
    if (width === undefined) cache.set(w, (width = ctx.measureText(w).width));
    return width;
  });
  const refSpace = ctx.measureText(' ').width;

  let size = MAX_FONT;
  let lines: string[] = [];
  for (; size >= MIN_FONT; size -= FONT_STEP) {
    const k = size / REFERENCE_SIZE;
    lines = wrapMeasured(words, refWidths.map((w) => w * k), refSpace * k, TEXT_WIDTH * ESTIMATE_SLACK);
    if (lines.length * size * spacing <= area) break;
  }
  size = Math.max(size, MIN_FONT);
  const lineHeight = size * spacing;
  setText(ctx, fontFor(size, false, arabic), card.direction);
  // Check the estimate with real measures; a word wider than the card is split by wrapText.
  if (lines.some((l) => ctx.measureText(l).width > TEXT_WIDTH)) lines = wrapText(ctx, full, TEXT_WIDTH);
  const maxLines = Math.max(1, Math.floor(area / lineHeight));
  if (lines.length <= maxLines) return { size, lineHeight, lines, truncated: cut };

  // Too long even at the smallest size: keep the lines that fit and end the last with "…".
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  if (close && last.endsWith(close)) last = last.slice(0, -close.length);
  kept[maxLines - 1] = ellipsize(ctx, last, close, TEXT_WIDTH);
  return { size, lineHeight, lines: kept, truncated: true };
}

/** Where everything goes on the card: the quote's lines, speaker, role, source; used by the renderer and tests. */
export function layoutCard(card: QuoteCard): CardLayout {
  const ctx = measurer();
  const rtl = card.direction === 'rtl';
  const align: 'left' | 'right' = rtl ? 'right' : 'left';
  const startX = rtl ? CARD_WIDTH - PAD_X : PAD_X;
  const endX = rtl ? PAD_X : CARD_WIDTH - PAD_X;
  const endAlign: 'left' | 'right' = rtl ? 'left' : 'right';
  const out: CardLine[] = [];

  const fit = fitQuote(ctx, card);
  const arabic = card.language === 'ar';
  const quoteFont = fontFor(fit.size, false, arabic);
  const blockHeight = fit.lines.length * fit.lineHeight;
  const top = QUOTE_TOP + Math.max(0, (QUOTE_BOTTOM - QUOTE_TOP - blockHeight) / 2);
  setText(ctx, quoteFont, card.direction);
  fit.lines.forEach((text, i) => {
    // Baseline: about 0.8 of the font size below the top of its line box, plus the extra leading.
    const y = Math.round(top + i * fit.lineHeight + (fit.lineHeight - fit.size) / 2 + fit.size * 0.85);
    out.push({ kind: 'quote', text, x: startX, y, font: quoteFont, color: COLORS.quote, direction: card.direction, align, width: ctx.measureText(text).width });
  });

  const addLine = (kind: CardLine['kind'], text: string, y: number, size: number, bold: boolean, color: string, x = startX, a = align, maxWidth = TEXT_WIDTH, dir = textDirection(text, card.direction)) => {
    const font = fontFor(size, bold, dir === 'rtl' || arabic);
    setText(ctx, font, dir);
    const shown = singleLine(ctx, text, maxWidth);
    out.push({ kind, text: shown, x, y, font, color, direction: dir, align: a, width: ctx.measureText(shown).width });
  };

  const who = card.speaker ?? (arabic ? 'متحدث غير معروف' : 'Unknown speaker');
  const role = [card.rank, card.role].filter(Boolean).join(' · ');
  // Without a role line the name sits in the middle of its band.
  addLine('speaker', who, role ? 518 : 540, 34, true, COLORS.speaker);
  if (role) addLine('role', role, 558, 24, false, COLORS.role);

  // In a right-to-left line, a right-to-left mark on each side of the dot keeps a Latin outlet
  // name from pulling the date's digits into its run ("North Pulse Network · 24").
  const separator = rtl ? '\u200f · \u200f' : ' · ';
  const source = [card.outlet, card.dateText].filter(Boolean).join(separator) || card.title;
  const host = card.url ? hostOf(card.url) : undefined;
  // The source line mixes the outlet (often Latin) with the date in the card's language: it
  // reads in the card's direction, so an Arabic date stays in Arabic order.
  addLine('source', source, 628, 24, false, COLORS.footer, startX, align, TEXT_WIDTH * 0.62, card.dateText ? card.direction : undefined);
  addLine('id', host ?? card.id, 628, 18, false, COLORS.footer, endX, endAlign, TEXT_WIDTH * 0.34);

  return { width: CARD_WIDTH, height: CARD_HEIGHT, direction: card.direction, fontSize: fit.size, lineHeight: fit.lineHeight, quoteLines: fit.lines, truncated: fit.truncated, lines: out };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Renders the card as a 1200×675 PNG. */
export function renderCardPng(card: QuoteCard): Buffer {
  const layout = layoutCard(card);
  const canvas = createCanvas(CARD_WIDTH, CARD_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  // Accent: a band along the top and a bar beside the quote, on the side the text starts.
  ctx.fillStyle = COLORS.accent;
  ctx.fillRect(0, 0, CARD_WIDTH, 10);
  const quoteLines = layout.lines.filter((l) => l.kind === 'quote');
  if (quoteLines.length) {
    const y0 = quoteLines[0].y - layout.fontSize * 0.95;
    const y1 = quoteLines[quoteLines.length - 1].y + layout.fontSize * 0.3;
    ctx.fillRect(layout.direction === 'rtl' ? CARD_WIDTH - PAD_X + 26 : PAD_X - 32, y0, 6, y1 - y0);
  }
  ctx.fillStyle = COLORS.rule;
  ctx.fillRect(PAD_X, 472, TEXT_WIDTH, 2);
  ctx.fillRect(PAD_X, 588, TEXT_WIDTH, 1);
  ctx.textBaseline = 'alphabetic';
  for (const line of layout.lines) {
    ctx.font = line.font;
    ctx.direction = line.direction;
    ctx.textAlign = line.align;
    ctx.fillStyle = line.color;
    ctx.fillText(line.text, line.x, line.y);
  }
  return canvas.toBuffer('image/png');
}
