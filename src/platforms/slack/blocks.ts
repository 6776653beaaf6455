/**
 * Replies as Slack messages: Block Kit plus a plain-text fallback (`text`, used by
 * notifications and screen readers), always within Slack's limits — 50 blocks, 3,000
 * characters a section, 150 a header, 75 a button label, 2,000 a button value, and about
 * 12,000 characters of block text in all (beyond it Slack answers msg_blocks_too_long).
 * Whatever does not fit is cut with a visible "…" or a "not shown" note, never silently.
 *
 * Every string from articles or users goes through escapeMrkdwn, so a quotation containing
 * `<!channel>`, `<!here>`, `<@U…>` or `&`, `<`, `>` shows as written and pings nobody;
 * mrkdwn objects are also `verbatim`, so Slack does not link-ify bare names or URLs in them.
 */
import type { types } from '@slack/bolt';
import type { DigestStory } from '../../core/digest/buildDigest';
import { articlesPhrase } from '../../core/digest/formatDigest';
import { renderReplyText } from '../../commands/renderText';
import type { PageRequest, QuoteView, Reply, ScheduleView } from '../../commands/reply';
import { escapeMrkdwn, mrkdwnLink, oneLine, truncate, truncateMrkdwn } from './slackText';

export type Block = types.KnownBlock;

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  contextText: 2000,
  /** Block text in one message; Slack's msg_blocks_too_long starts a little above 13,000. */
  messageBlockText: 12000,
  /** The `text` beside blocks: what a notification shows. */
  fallbackText: 3000,
  /** The `text` of a message sent without blocks (Slack cuts at 40,000; 4,000 reads well). */
  textOnly: 4000,
  /** A quotation inside a message: longer ones are cut with "…". */
  quoteText: 1200,
  altText: 1000,
  initialComment: 1500,
} as const;

export const PAGE_ACTION_PREFIX = 'coalition_page_';

export interface SlackMessage {
  text: string;
  blocks: Block[];
  /** Only the asker should see it (errors, help). */
  ephemeral: boolean;
}

export interface RenderOptions {
  /** The button value for a page request (see PageValues). Without it, no paging buttons. */
  pageValue?: (page: PageRequest) => string;
}

// ---------------------------------------------------------------- small builders

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: false };
}

function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plain(truncate(oneLine(text), LIMITS.headerText)) };
}

/** A section of already-escaped mrkdwn, cut to the section limit. */
function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(truncateMrkdwn(text, LIMITS.sectionText)) };
}

/** Escaped mrkdwn lines packed into as few sections as fit (a line too long for one is cut). */
function sections(lines: string[]): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, LIMITS.sectionText);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

function context(...texts: string[]): types.ContextBlock {
  const elements = texts
    .filter((t) => t.length > 0)
    .slice(0, LIMITS.contextElements)
    .map((t) => mrkdwn(truncateMrkdwn(t, LIMITS.contextText)));
  return { type: 'context', elements: elements.length ? elements : [mrkdwn(' ')] };
}

function button(actionId: string, label: string, value: string, style?: 'primary'): types.Button {
  const b: types.Button = { type: 'button', action_id: actionId, text: plain(truncate(label, LIMITS.buttonText)), value: value.slice(0, LIMITS.buttonValue) };
  if (style) b.style = style;
  return b;
}

/** The characters of text a block carries (what Slack's overall limit counts). */
function blockTextLength(block: Block): number {
  let n = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') n += x.length;
        else visit(x);
      }
    }
  };
  visit(block);
  return n;
}

/**
 * Content blocks up to Slack's block count and text budget, then the blocks that must stay
 * (buttons); what was left out is announced in a note.
 */
export function fitBlocks(content: Block[], tail: Block[] = [], unit = 'blocks'): Block[] {
  const room = LIMITS.blocks - tail.length - 1;
  let budget = LIMITS.messageBlockText - tail.reduce((n, b) => n + blockTextLength(b), 0) - 200;
  const kept: Block[] = [];
  for (const block of content) {
    const size = blockTextLength(block);
    if (kept.length >= room || size > budget) break;
    kept.push(block);
    budget -= size;
  }
  if (kept.length < content.length) {
    // Do not end on a lone divider before the note.
    while (kept.length && kept[kept.length - 1].type === 'divider') kept.pop();
    kept.push(context(`… more ${unit} not shown here (Slack limits a message's size); narrow the request to see them.`));
  }
  return [...kept, ...tail];
}

// ---------------------------------------------------------------- pieces of replies

const LANGUAGE: Record<string, string> = { en: 'English', ar: 'Arabic' };

/** One quotation: the words, who said them (role at the time), where and when, its id. */
export function quoteMrkdwn(q: QuoteView): string {
  const words = escapeMrkdwn(truncate(oneLine(q.text), LIMITS.quoteText));
  const who = q.speaker ? `*${escapeMrkdwn(oneLine(q.speaker))}*${q.role ? `, ${escapeMrkdwn(oneLine(q.role))}` : ''}` : '_unknown speaker_';
  const source = [q.outlet ? escapeMrkdwn(oneLine(q.outlet)) : null, q.date ?? 'undated'].filter(Boolean).join(', ');
  const facts = [q.kind + (q.language === 'ar' ? ', Arabic' : ''), source, mrkdwnLink(q.url, truncate(oneLine(q.title), 150)), `id \`${escapeMrkdwn(q.id)}\``];
  return `>“${words}”\n— ${who}\n${facts.join(' · ')}`;
}

function pagingButtons(reply: Extract<Reply, { kind: 'quotes' }>, options: RenderOptions): Block[] {
  if (!options.pageValue || (!reply.next && !reply.previous)) return [];
  const elements: types.Button[] = [];
  if (reply.previous) elements.push(button(`${PAGE_ACTION_PREFIX}previous`, '◀ Previous', options.pageValue(reply.previous)));
  if (reply.next) elements.push(button(`${PAGE_ACTION_PREFIX}next`, 'Next ▶', options.pageValue(reply.next), 'primary'));
  return [{ type: 'actions', block_id: 'coalition_paging', elements }];
}

function storyBlocks(s: DigestStory, i: number): Block[] {
  const facts = [s.when ?? 'undated', `${s.articles.length} ${s.articles.length === 1 ? 'source' : 'sources'}`];
  if (s.languages.length > 1) facts.push(s.languages.map((l) => LANGUAGE[l] ?? l).join(' and '));
  if (s.otherLanguage) facts.push(`only in ${LANGUAGE[s.language] ?? s.language}`);
  const blocks: Block[] = [section(`*${i + 1}. ${escapeMrkdwn(truncate(oneLine(s.headline), 300))}*\n${facts.join(' · ')}`)];
  const body = [
    ...s.sentences.map((x) => escapeMrkdwn(truncate(oneLine(x.text), 900))),
    ...s.quotes.map((q) => `>“${escapeMrkdwn(truncate(oneLine(q.quote), 600))}” — *${escapeMrkdwn(oneLine(q.speaker ?? 'unknown speaker'))}*`),
  ];
  blocks.push(...sections(body));
  const sources = s.sources.map((src) => `${mrkdwnLink(src.url, [src.outlet ?? 'unknown outlet', src.published ?? 'undated', LANGUAGE[src.language] ?? src.language].join(', '))} \`${escapeMrkdwn(src.article)}\``);
  blocks.push(context(`Sources: ${sources.join(' · ')}`));
  return blocks;
}

function when(d: Date | null): string {
  return d ? `${d.toISOString().slice(0, 16).replace('T', ' ')}Z` : '—';
}

function scheduleBlocks(s: ScheduleView): Block[] {
  const state = s.status === 'paused' ? `*Paused*: ${escapeMrkdwn(s.pausedReason ?? 'no reason given')}; fix it, then \`/coalition resume id:${escapeMrkdwn(s.id)}\`` : `Next: ${when(s.nextRun)}`;
  const blocks: Block[] = [section(`*${escapeMrkdwn(s.id)}* — ${escapeMrkdwn(s.description)}\n${state}`)];
  if (s.recent.length) blocks.push(context(...s.recent.slice(0, LIMITS.contextElements).map((d) => `${when(d.slot)} ${escapeMrkdwn(d.status)}${d.error ? `: ${escapeMrkdwn(truncate(d.error, 300))}` : ''}`)));
  return blocks;
}

/** Error text: usage lines shown as code, the rest escaped. */
function errorLines(message: string): string[] {
  return message.split('\n').map((line) => {
    const usage = /^Usage: (.*)$/.exec(line);
    return usage ? `Usage: \`${escapeMrkdwn(usage[1].replace(/`/g, "'"))}\`` : escapeMrkdwn(line);
  });
}

// ---------------------------------------------------------------- replies

/** The plain-text fallback of a reply, escaped for Slack and cut to `max` characters. */
export function fallbackText(reply: Reply, max: number = LIMITS.fallbackText): string {
  return truncateMrkdwn(escapeMrkdwn(renderReplyText(reply).join('\n')), max);
}

export function isEphemeral(reply: Reply): boolean {
  return reply.kind === 'error' || (reply.kind === 'notice' && reply.ephemeral === true);
}

/** A reply as a Slack message. Cards are files (see cardUpload); here they get a text stand-in. */
export function replyToMessage(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const text = fallbackText(reply);
  const ephemeral = isEphemeral(reply);
  const done = (blocks: Block[]): SlackMessage => ({ text, blocks, ephemeral });
  switch (reply.kind) {
    case 'error':
      return done(fitBlocks([section(`:warning: ${errorLines(reply.message).join('\n')}`), context('Type `/coalition help` for the commands and their options.')]));
    case 'notice':
      return done(fitBlocks([header(reply.title), ...sections(reply.lines.map((l) => escapeMrkdwn(l)))], [], 'lines'));
    case 'quotes': {
      const range = `${reply.offset + 1}–${reply.offset + reply.quotes.length} of ${reply.total}`;
      return done(fitBlocks([header(reply.heading), context(range), ...reply.quotes.map((q) => section(quoteMrkdwn(q)))], pagingButtons(reply, options), 'quotes'));
    }
    case 'speaker': {
      const p = reply.profile;
      const aliases = [...p.aliases.en, ...p.aliases.ar];
      const lines = [
        ...p.roles.map((r) => escapeMrkdwn(r)),
        aliases.length ? `Also written: ${escapeMrkdwn(truncate(aliases.join(', '), 1500))}` : '',
        `*${p.quotes}* quote${p.quotes === 1 ? '' : 's'} in ${p.articles} article${p.articles === 1 ? '' : 's'}${p.first ? ` (${escapeMrkdwn(p.first)} – ${escapeMrkdwn(p.last ?? '')})` : ''}`,
      ].filter(Boolean);
      const content: Block[] = [header(`${p.name}${p.learned ? ' (learned from articles)' : ''}`), ...sections(lines)];
      if (reply.latest.length) content.push(context('Latest quotes'), ...reply.latest.map((q) => section(quoteMrkdwn(q))));
      return done(fitBlocks(content, [], 'quotes'));
    }
    case 'speakers': {
      const lines = reply.speakers.map((s) => `\`${String(s.quotes).padStart(5)}\`  ${escapeMrkdwn(s.name)}${s.learned ? ' _(learned)_' : ''}`);
      const count = `${reply.speakers.length < reply.total ? `${reply.speakers.length} of ` : ''}${reply.total} speakers · quotes each`;
      return done(fitBlocks([header('Speakers'), ...sections(lines), context(count)], [], 'speakers'));
    }
    case 'digest': {
      const d = reply.digest;
      const w = d.window;
      const range = w.latest ? 'latest stories' : `${w.since ?? 'the beginning'} to ${w.until ?? 'now'}`;
      const summary = `${range} · ${d.stories.length} ${d.stories.length === 1 ? 'story' : 'stories'} ${articlesPhrase(w)} · ${LANGUAGE[w.language] ?? w.language}`;
      const content: Block[] = [header(reply.heading), context(escapeMrkdwn(summary))];
      if (!d.stories.length) content.push(section('No stories in this window.'));
      d.stories.forEach((s, i) => {
        if (i > 0) content.push({ type: 'divider' });
        content.push(...storyBlocks(s, i));
      });
      return done(fitBlocks(content, [], 'stories'));
    }
    case 'card':
      return done([section(cardComment(reply))]);
    case 'schedules': {
      const content: Block[] = [header('Scheduled digests in this channel')];
      if (!reply.schedules.length) content.push(section('No scheduled digests in this channel. Add one with `/coalition subscribe schedule:"daily 09:00"`.'));
      for (const s of reply.schedules) content.push(...scheduleBlocks(s));
      return done(fitBlocks(content, [], 'schedules'));
    }
  }
}

/** A message without blocks (Slack refused the blocks): the text rendering, cut to fit. */
export function textOnlyMessage(reply: Reply): { text: string } {
  return { text: fallbackText(reply, LIMITS.textOnly) };
}

// ---------------------------------------------------------------- cards

type CardReply = Extract<Reply, { kind: 'card' }>;

/** The comment posted with a card's PNG: the words (escaped), who, when, where. */
export function cardComment(reply: CardReply): string {
  const c = reply.card;
  const who = [c.rank, c.speaker].filter(Boolean).join(' ') || 'unknown speaker';
  const facts = [c.role, c.outlet, c.dateText ?? c.published?.value].filter((x): x is string => Boolean(x)).map((x) => escapeMrkdwn(oneLine(x)));
  const text = `>“${escapeMrkdwn(truncate(oneLine(c.quote), 900))}”\n— *${escapeMrkdwn(oneLine(who))}*${facts.length ? `, ${facts.join(', ')}` : ''}\n${mrkdwnLink(c.url, truncate(oneLine(c.title), 150))} · id \`${escapeMrkdwn(c.id)}\``;
  return truncateMrkdwn(text, LIMITS.initialComment);
}

/** The PNG's alt text: the quotation and its speaker, as plain text. */
export function cardAltText(reply: CardReply): string {
  return truncate(`Quote card: “${oneLine(reply.card.quote)}” — ${reply.card.speaker ?? 'unknown speaker'}`, LIMITS.altText);
}

export function cardTitle(reply: CardReply): string {
  return truncate(`Quote card: ${reply.card.speaker ?? 'unknown speaker'}${reply.card.dateText ? `, ${reply.card.dateText}` : ''}`, 250);
}
