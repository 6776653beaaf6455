/**
 * Quote cards: a platform-neutral model of one quotation, ready to be drawn (PNG) or sent as a
 * rich message. The model holds display strings only; it never rewrites the quote's words.
 */
import type { Corpus, CorpusQuote } from '../corpus';
import type { SpeakerRegistry, SpeakerRole, Speaker } from '../speakers/registry';
import { roleCovers } from '../speakers/registry';
import type { Language, PartialDate, QuoteKind } from '../types';

export type TextDirection = 'ltr' | 'rtl';

export interface QuoteCard {
  /** Corpus quote id, `${articleId}:${start}`. */
  id: string;
  articleId: string;
  /** The quotation as the article gives it, minus surrounding quote marks and a trailing comma. */
  quote: string;
  kind: QuoteKind;
  /** Display name of the speaker, in the card's script when the directory has one; null when unknown. */
  speaker: string | null;
  speakerId: string | null;
  /** Rank at the time ("Maj. Gen."), when known. */
  rank?: string;
  /** Role or title at the time of the article ("Spokesman, CJTF-OIR"), when known. */
  role?: string;
  outlet?: string;
  published?: PartialDate;
  /** The date as precise as the source: "24 November 2020", "March 2020", "2020" (Arabic month names on Arabic cards). */
  dateText?: string;
  url?: string;
  language: Language;
  direction: TextDirection;
  title: string;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_AR = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];

/** "24 November 2020" / "November 2020" / "2020", keeping the date's own precision. */
export function formatCardDate(date: PartialDate, language: Language = 'en'): string {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(date.value.trim());
  if (!m) return date.value;
  const months = language === 'ar' ? MONTHS_AR : MONTHS_EN;
  const year = m[1];
  const month = m[2] && date.precision !== 'year' ? Number(m[2]) : undefined;
  const day = m[3] && date.precision === 'day' ? Number(m[3]) : undefined;
  if (month === undefined || month < 1 || month > 12) return year;
  if (day === undefined) return `${months[month - 1]} ${year}`;
  return `${day} ${months[month - 1]} ${year}`;
}

/** End of a role's period as a sortable string ("9999" while it lasts). */
function roleEnd(r: SpeakerRole): string {
  return r.to ? String(r.to) : '9999';
}

/**
 * The role a speaker held on a date: the one whose from/to covers it (the most recently started
 * if several do), else the latest role; with no date, the latest role.
 */
export function roleAt(speaker: Pick<Speaker, 'roles'>, date?: PartialDate): SpeakerRole | undefined {
  const roles = speaker.roles;
  if (roles.length === 0) return undefined;
  const byStart = (a: SpeakerRole, b: SpeakerRole) => String(b.from ?? '').localeCompare(String(a.from ?? ''));
  if (date) {
    const covering = roles.filter((r) => roleCovers(r, date)).sort(byStart);
    if (covering.length) return covering[0];
  }
  return [...roles].sort((a, b) => roleEnd(b).localeCompare(roleEnd(a)) || byStart(a, b))[0];
}

/** "Spokesman, CJTF-OIR", or "spokesman, coalition" when the directory has no title. */
export function roleLabel(role: SpeakerRole): string {
  return role.title ?? `${role.role}, ${role.org}`;
}

const QUOTE_MARKS = /^[\s"'“”‘’«»„‹›]+|[\s"'“”‘’«»„‹›]+$/g;

/** The quote's words for display: surrounding marks, spaces and a dangling comma removed. */
export function cardQuoteText(text: string): string {
  let t = text.replace(/\s+/g, ' ');
  for (let i = 0; i < 3; i++) t = t.replace(QUOTE_MARKS, '').replace(/[,،؛;:]+$/u, '');
  return t.trim();
}

export interface CardOptions {
  /** The article's url, when the caller knows it (cardForQuote reads it from the corpus). */
  url?: string;
}

/** Builds the card model of a stored quote; the speaker's role is the one held on the article's date. */
export function buildQuoteCard(quote: CorpusQuote, registry: SpeakerRegistry, options: CardOptions = {}): QuoteCard {
  const speaker = quote.speakerId ? registry.get(quote.speakerId) : undefined;
  const role = speaker ? roleAt(speaker, quote.published) : undefined;
  let name = speaker?.name ?? quote.speaker;
  // On an Arabic card the name is written in Arabic when the directory has a spelling.
  if (quote.language === 'ar' && speaker && speaker.aliases.ar.length) name = speaker.aliases.ar[0];
  const card: QuoteCard = {
    id: quote.id,
    articleId: quote.articleId,
    quote: cardQuoteText(quote.text),
    kind: quote.kind,
    speaker: name ?? null,
    speakerId: quote.speakerId,
    language: quote.language,
    direction: quote.language === 'ar' ? 'rtl' : 'ltr',
    title: quote.title,
  };
  if (role?.rank) card.rank = role.rank;
  if (role) card.role = roleLabel(role);
  if (quote.outlet) card.outlet = quote.outlet;
  if (quote.published) {
    card.published = quote.published;
    card.dateText = formatCardDate(quote.published, quote.language);
  }
  if (options.url) card.url = options.url;
  return card;
}

/** The card of a stored quote by id (with its article's url), or undefined for an unknown id. */
export function cardForQuote(corpus: Corpus, registry: SpeakerRegistry, id: string): QuoteCard | undefined {
  const quote = corpus.quote(id);
  if (!quote) return undefined;
  return buildQuoteCard(quote, registry, { url: corpus.article(quote.articleId)?.url });
}
