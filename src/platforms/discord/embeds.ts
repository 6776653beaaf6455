/**
 * Replies as Discord messages: embeds, buttons and attachments within Discord's limits.
 *
 * Every limit is met by cutting text with a visible "…" (never by an API error): title 256,
 * description 4096, 25 fields of 256/1024, footer 2048, author 256, 6000 characters of embed
 * text per message, 10 embeds per message, content 2000. A reply too big for one message
 * (a long digest) becomes several messages.
 *
 * News text is shown verbatim, with Markdown escaped so a quote's asterisks stay asterisks.
 * Arabic paragraphs start with a right-to-left mark so they read right to left even when they
 * begin with a digit or a Latin quote mark. Mentions never ping: every message sets
 * allowed_mentions to none (see NO_MENTIONS), and the only free text that goes into message
 * content (a heading echoing the user's search words) has its mentions defused as well.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { PageRequest, QuoteView, Reply, ScheduleView, SpeakerProfile } from '../../commands/reply';
import type { DigestStory } from '../../core/digest/buildDigest';
import { articlesPhrase } from '../../core/digest/formatDigest';
import type { Language, QuoteKind } from '../../core/types';

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Characters of embed text (titles, descriptions, fields, footers, authors) in one message. */
  total: 6000,
  embeds: 10,
  content: 2000,
  /** More than this many messages for one reply is noise: the rest is summarised. */
  messages: 5,
} as const;

/** allowed_mentions for every message: nothing is parsed, so nobody and no role is ever pinged. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[] });

export const ELLIPSIS = '…';
const RLM = '\u200F';

const COLOR = { info: 0x2b6cb0, error: 0xc53030, digest: 0x2f855a, card: 0x6b46c1, direct: 0x2b6cb0, partial: 0x3182ce, indirect: 0x718096 } as const;

const KIND_LABEL: Record<QuoteKind, string> = { direct: 'direct quote', partial: 'partial quote', indirect: 'reported speech' };
const LANGUAGE_NAME: Record<Language, string> = { en: 'English', ar: 'Arabic' };

export interface OutgoingFile {
  name: string;
  data: Buffer;
}

/** One Discord message, before discord.js turns it into a request. */
export interface OutgoingMessage {
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  files?: OutgoingFile[];
  /** Only the person who asked sees it (interaction replies only). */
  ephemeral: boolean;
}

export interface RenderContext {
  /** Registers a page request and returns its button's custom_id; without it, no paging buttons (scheduled posts). */
  pageButton?(request: PageRequest): string;
}

/** Prefix of every button custom_id this adapter creates. */
export const PAGE_PREFIX = 'coalition:page:';

// ------------------------------------------------------------------ text helpers

/** At most `max` characters, cut with "…" (never inside a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Lines joined with newlines within `max`; lines that do not fit are replaced by "… N more". */
export function clipLines(lines: string[], max: number, more: (n: number) => string = (n) => `${ELLIPSIS} ${n} more`): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const withLine = length + (out.length ? 1 : 0) + lines[i].length;
    const noteAfter = i + 1 < lines.length ? 1 + more(lines.length - i - 1).length : 0;
    if (withLine + noteAfter > max) {
      if (!out.length) return clip(all, max);
      out.push(more(lines.length - i));
      return clip(out.join('\n'), max);
    }
    out.push(lines[i]);
    length = withLine;
  }
  return clip(out.join('\n'), max);
}

/**
 * News or user text, shown literally, on one line: Markdown characters escaped (emphasis, code,
 * strike, spoilers, links), Discord's <@…>/<#…>/<t:…> tags shown as typed, and a leading
 * heading, quote or list marker kept as text. One regular-expression pass (discord.js's
 * escapeMarkdown takes milliseconds on a long quote).
 */
export function literal(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\*_~`|[\]]|<(?=[@#:/]|a:|t:)/g, '\\$&')
    .replace(/^([#>-]|\d+\.)/, (m) => (m.length === 1 ? `\\${m}` : `${m.slice(0, -1)}\\.`));
}

/** Right to left for Arabic: a right-to-left mark starts each line (after a block quote's "> "). */
function directed(text: string, language: Language): string {
  if (language !== 'ar') return text;
  return text
    .split('\n')
    .map((line) => (!line ? line : line.startsWith('> ') ? `> ${RLM}${line.slice(2)}` : `${RLM}${line}`))
    .join('\n');
}

/** Free text going into message content: @everyone, @here and <@…> mentions cannot ping even if mentions were allowed. */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200B$1').replace(/<@/g, '<\u200B@');
}

function httpUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\/\S+$/i.test(url) && url.length <= 2048 ? url : undefined;
}

function quoted(text: string, language: Language, kind: QuoteKind): string {
  const body = literal(text);
  if (kind === 'indirect') return body;
  return language === 'ar' ? `«${body}»` : `“${body}”`;
}

// ------------------------------------------------------------------ limits

/** The characters of an embed that count toward the 6000 per message. */
export function embedLength(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.author?.name.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Applies the per-part limits: title, description, author, footer, field count and sizes. */
export function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = clip(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = clip(out.description || ELLIPSIS, LIMITS.description);
  if (out.author) out.author = { ...out.author, name: clip(out.author.name, LIMITS.author) };
  if (out.footer) out.footer = { ...out.footer, text: clip(out.footer.text, LIMITS.footer) };
  if (out.fields) {
    let fields = out.fields.map((f) => ({ ...f, name: clip(f.name || '—', LIMITS.fieldName), value: clip(f.value || '—', LIMITS.fieldValue) }));
    if (fields.length > LIMITS.fields) fields = [...fields.slice(0, LIMITS.fields - 1), { name: ELLIPSIS, value: `${fields.length - LIMITS.fields + 1} more not shown` }];
    out.fields = fields;
  }
  return out;
}

/** Cuts the longest texts of an embed until it has at most `budget` characters. */
export function shrinkEmbed(e: APIEmbed, budget: number): APIEmbed {
  const out = fitEmbed(e);
  out.fields = out.fields?.map((f) => ({ ...f }));
  for (let guard = 0; guard < 100; guard++) {
    const over = embedLength(out) - budget;
    if (over <= 0) break;
    // Field values are lists (sources, deliveries): they lose whole lines, never half a link.
    const slots: Array<{ get: () => string; set: (v: string) => void; lines?: boolean }> = [];
    if (out.description) slots.push({ get: () => out.description!, set: (v) => (out.description = v) });
    for (const f of out.fields ?? []) slots.push({ get: () => f.value, set: (v) => (f.value = v), lines: true });
    if (out.title) slots.push({ get: () => out.title!, set: (v) => (out.title = v) });
    if (out.footer) slots.push({ get: () => out.footer!.text, set: (v) => (out.footer = { ...out.footer!, text: v }) });
    if (out.author) slots.push({ get: () => out.author!.name, set: (v) => (out.author = { ...out.author!, name: v }) });
    const longest = slots.filter((s) => s.get().length > 1).sort((a, b) => b.get().length - a.get().length)[0];
    if (!longest) break;
    const text = longest.get();
    const target = Math.max(1, Math.min(text.length - over, Math.ceil(text.length / 2)));
    longest.set(longest.lines && text.includes('\n') ? clipLines(text.split('\n'), target) : clip(text, target));
  }
  return out;
}

/** Embeds packed into messages of at most 10 embeds and 6000 characters each. */
export function packEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let total = 0;
  for (const raw of embeds) {
    const e = shrinkEmbed(raw, LIMITS.total);
    const length = embedLength(e);
    if (current.length && (current.length >= LIMITS.embeds || total + length > LIMITS.total)) {
      messages.push(current);
      current = [];
      total = 0;
    }
    current.push(e);
    total += length;
  }
  if (current.length) messages.push(current);
  if (messages.length > LIMITS.messages) {
    const dropped = messages.slice(LIMITS.messages - 1).reduce((n, m) => n + m.length, 0);
    const kept = messages.slice(0, LIMITS.messages - 1);
    kept.push([{ description: `${ELLIPSIS} ${dropped} more not shown: narrow the request (fewer stories, a shorter window).`, color: COLOR.info }]);
    return kept;
  }
  return messages;
}

// ------------------------------------------------------------------ replies

function quoteFields(q: QuoteView): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (q.role) fields.push({ name: 'Role', value: literal(q.role), inline: true });
  fields.push({ name: 'Outlet', value: literal(q.outlet ?? 'unknown outlet'), inline: true });
  fields.push({ name: 'Date', value: q.date ?? 'undated', inline: true });
  fields.push({ name: 'Kind', value: `${KIND_LABEL[q.kind]}${q.language === 'ar' ? ' · Arabic' : ''}`, inline: true });
  return fields;
}

/** One quote: speaker, the words, role, outlet, date, kind, and the article as a link. */
export function quoteEmbed(q: QuoteView): APIEmbed {
  return fitEmbed({
    color: COLOR[q.kind],
    author: { name: q.speaker ?? 'Unknown speaker' },
    title: literal(q.title),
    url: httpUrl(q.url),
    description: directed(quoted(q.text, q.language, q.kind), q.language),
    fields: quoteFields(q),
    footer: { text: `quote id ${q.id}` },
  });
}

/** Many quotes in one embed (more than fit as separate embeds): a field each. */
function compactQuotesEmbed(quotes: QuoteView[]): APIEmbed {
  return fitEmbed({
    color: COLOR.info,
    fields: quotes.map((q) => {
      const source = [q.outlet ?? 'unknown outlet', q.date ?? 'undated', KIND_LABEL[q.kind]].join(' · ');
      const link = httpUrl(q.url);
      const tail = `\n${literal(source)}${link ? ` · [article](${link})` : ''} · \`${q.id}\``;
      const words = directed(quoted(q.text, q.language, q.kind), q.language);
      return { name: literal(`${q.speaker ?? 'Unknown speaker'}${q.role ? `, ${q.role}` : ''}`), value: `${clip(words, LIMITS.fieldValue - tail.length)}${tail}` };
    }),
  });
}

function pagingRow(reply: Extract<Reply, { kind: 'quotes' }>, ctx: RenderContext): APIActionRowComponent<APIButtonComponent> | undefined {
  if (!ctx.pageButton || (!reply.next && !reply.previous)) return undefined;
  const size = Number((reply.next ?? reply.previous)!.args.limit) || Math.max(1, reply.quotes.length);
  const page = Math.floor(reply.offset / size) + 1;
  const pages = Math.max(page, Math.ceil(reply.total / size));
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '◀ Previous', custom_id: reply.previous ? ctx.pageButton(reply.previous) : `${PAGE_PREFIX}none:previous`, disabled: !reply.previous },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `Page ${page} of ${pages}`, custom_id: `${PAGE_PREFIX}none:page`, disabled: true },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next ▶', custom_id: reply.next ? ctx.pageButton(reply.next) : `${PAGE_PREFIX}none:next`, disabled: !reply.next },
    ],
  };
}

function profileEmbed(p: SpeakerProfile): APIEmbed {
  const aliases = [...p.aliases.en, ...p.aliases.ar];
  const fields: APIEmbedField[] = [
    { name: 'Quoted', value: `${p.quotes} quote${p.quotes === 1 ? '' : 's'} in ${p.articles} article${p.articles === 1 ? '' : 's'}${p.first ? ` (${p.first} – ${p.last})` : ''}` },
  ];
  if (aliases.length) fields.push({ name: 'Also written', value: clipLines(aliases.map(literal), LIMITS.fieldValue).replace(/\n/g, ' · ') });
  return fitEmbed({
    color: COLOR.info,
    title: literal(`${p.name}${p.learned ? ' (learned from articles)' : ''}`),
    description: p.roles.length ? clipLines(p.roles.map(literal), LIMITS.description) : p.kind === 'person' ? 'No role on record.' : literal(p.kind),
    fields,
    footer: { text: `speaker id ${p.id}` },
  });
}

function storyEmbed(s: DigestStory, index: number, budget: number): APIEmbed {
  const paragraphs = s.sentences.map((x) => literal(x.text));
  const quotes = s.quotes.map((q) => `> ${quoted(q.quote, s.language, q.kind)} — **${literal(q.speaker ?? 'unknown speaker')}**`);
  const facts = [s.when ?? 'undated', `${s.articles.length} source${s.articles.length === 1 ? '' : 's'}`];
  if (s.languages.length > 1) facts.push(s.languages.map((l) => LANGUAGE_NAME[l]).join(' and '));
  if (s.otherLanguage) facts.push(`only in ${LANGUAGE_NAME[s.language]}`);
  const sources = s.sources.map((src) => {
    const label = literal([src.outlet ?? 'unknown outlet', src.published ?? 'undated', LANGUAGE_NAME[src.language]].join(', '));
    const url = httpUrl(src.url);
    return url ? `[${label}](${url})` : label;
  });
  const embed: APIEmbed = {
    color: COLOR.digest,
    title: `${index + 1}. ${literal(s.headline)}`,
    url: httpUrl(s.sources.find((src) => src.article === s.headlineArticle)?.url ?? s.sources[0]?.url),
    description: directed([...paragraphs, ...quotes].join('\n\n') || ELLIPSIS, s.language),
    fields: [{ name: 'Sources', value: clipLines(sources, LIMITS.fieldValue) }],
    footer: { text: facts.join(' · ') },
  };
  return shrinkEmbed(embed, budget);
}

function scheduleField(s: ScheduleView): APIEmbedField {
  const unix = (d: Date): number => Math.floor(d.getTime() / 1000);
  const lines = [literal(s.description)];
  if (s.status === 'paused') lines.push(`**Paused**: ${literal(s.pausedReason ?? 'no reason given')}; fix it, then \`/coalition resume id:${s.id}\``);
  else lines.push(s.nextRun ? `Next: <t:${unix(s.nextRun)}:f> (<t:${unix(s.nextRun)}:R>)` : 'Next: not scheduled');
  for (const d of s.recent) lines.push(`<t:${unix(d.slot)}:f> ${d.status}${d.error ? `: ${literal(d.error)}` : ''}`);
  return { name: `${s.id}${s.status === 'paused' ? ' (paused)' : ''}`, value: clipLines(lines, LIMITS.fieldValue) };
}

function single(embed: APIEmbed, ephemeral = false, extra: Partial<OutgoingMessage> = {}): OutgoingMessage[] {
  return [{ embeds: [shrinkEmbed(embed, LIMITS.total)], ephemeral, ...extra }];
}

/** A reply as one or more Discord messages. */
export function renderReply(reply: Reply, ctx: RenderContext = {}): OutgoingMessage[] {
  switch (reply.kind) {
    case 'error':
      return single({ color: COLOR.error, description: `⚠️ ${reply.message.split('\n').map(literal).join('\n')}` }, true);
    case 'notice':
      return single({ color: COLOR.info, title: literal(reply.title), description: clipLines(reply.lines.map(literal), LIMITS.description) || undefined }, Boolean(reply.ephemeral));
    case 'quotes': {
      const first = reply.offset + 1;
      const last = reply.offset + reply.quotes.length;
      const content = clip(defuseMentions(`**${literal(reply.heading)}** — ${first === last ? first : `${first}–${last}`} of ${reply.total}`), LIMITS.content);
      // One embed per quote when they fit (10 per message); otherwise a field per quote.
      const embeds = reply.quotes.length <= LIMITS.embeds ? reply.quotes.map(quoteEmbed) : [compactQuotesEmbed(reply.quotes)];
      const budget = Math.floor(LIMITS.total / embeds.length);
      const row = pagingRow(reply, ctx);
      return [{ content, embeds: embeds.map((e) => shrinkEmbed(e, budget)), components: row ? [row] : undefined, ephemeral: false }];
    }
    case 'speaker': {
      const embeds = [profileEmbed(reply.profile), ...reply.latest.slice(0, LIMITS.embeds - 1).map(quoteEmbed)];
      const budget = Math.floor(LIMITS.total / embeds.length);
      return [{ embeds: embeds.map((e) => shrinkEmbed(e, budget)), ephemeral: false }];
    }
    case 'speakers': {
      const lines = reply.speakers.map((s) => `**${s.quotes}** · ${literal(s.name)}${s.learned ? ' *(learned)*' : ''}`);
      const shown = reply.speakers.length < reply.total ? `${reply.speakers.length} of ${reply.total}` : `${reply.total}`;
      return single({ color: COLOR.info, title: `Speakers (${shown}), most quoted first`, description: clipLines(lines, LIMITS.description) || 'No speakers match.', footer: { text: 'quotes · name — /coalition speaker NAME for a profile' } });
    }
    case 'digest': {
      const d = reply.digest;
      const n = d.stories.length;
      const header: APIEmbed = fitEmbed({
        color: COLOR.digest,
        title: literal(reply.heading),
        description: `${n} ${n === 1 ? 'story' : 'stories'} ${articlesPhrase(d.window)} (${d.window.stories} found) · ${LANGUAGE_NAME[d.window.language]}. Sentences and quotes are verbatim from the sources.`,
      });
      const budget = Math.max(1000, Math.min(LIMITS.total, Math.floor((LIMITS.total - embedLength(header)) / Math.max(1, n))));
      return packEmbeds([header, ...d.stories.map((s, i) => storyEmbed(s, i, budget))]).map((embeds) => ({ embeds, ephemeral: false }));
    }
    case 'card': {
      const c = reply.card;
      const link = httpUrl(c.url);
      return single(
        {
          color: COLOR.card,
          author: { name: c.speaker ?? 'Unknown speaker' },
          title: literal(c.title),
          url: link,
          description: directed(quoted(c.quote, c.language, c.kind), c.language),
          fields: [
            ...(c.role ? [{ name: 'Role', value: literal([c.rank, c.role].filter(Boolean).join(' ')), inline: true }] : []),
            { name: 'Outlet', value: literal(c.outlet ?? 'unknown outlet'), inline: true },
            { name: 'Date', value: literal(c.dateText ?? c.published?.value ?? 'undated'), inline: true },
            { name: 'Kind', value: KIND_LABEL[c.kind], inline: true },
          ],
          image: { url: `attachment://${reply.fileName}` },
          footer: { text: `quote id ${c.id}` },
        },
        false,
        { files: [{ name: reply.fileName, data: reply.png }] },
      );
    }
    case 'schedules': {
      if (!reply.schedules.length) {
        return single({ color: COLOR.info, title: 'Scheduled digests', description: 'No scheduled digests in this channel. Add one with `/coalition subscribe schedule:daily 09:00`.' });
      }
      return single({ color: COLOR.info, title: 'Scheduled digests in this channel', fields: reply.schedules.map(scheduleField) });
    }
  }
}
