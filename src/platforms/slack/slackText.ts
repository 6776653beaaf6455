/**
 * Text in and out of Slack. Outgoing: Slack reads `&`, `<` and `>` as markup (`<!channel>`,
 * `<@U123>`, `<url|label>`), so every piece of text that came from articles or users is
 * escaped before it goes into mrkdwn, and long text is cut with a visible "…" without
 * splitting an entity. Incoming: Slack escapes the same three characters in command text and
 * messages and wraps links and mentions in angle brackets; commands want the plain words.
 */

/** `&`, `<`, `>` → `&amp;`, `&lt;`, `&gt;`: nothing a quote says can ping or format a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Runs of whitespace (line breaks inside a quotation) on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts plain text to at most `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half of a surrogate pair (an emoji, a rare script) at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Cuts already-escaped mrkdwn to at most `max` characters, never inside an entity
 * (`&amp;`) or a link/mention (`<…>`) the caller built, ending with "…" when cut.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // An unclosed *bold* or `code` would swallow the rest of the message.
  if ((cut.match(/`/g)?.length ?? 0) % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`'));
  return `${cut}…`;
}

/** A link Slack will render, or the escaped label alone when the URL is not plain http(s). */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const text = escapeMrkdwn(oneLine(label)).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return text;
  return `<${url.replace(/&/g, '&amp;')}|${text}>`;
}

/**
 * Slack's text (a slash command's text, a message) → what the user typed: links and
 * mentions unwrapped to their labels, entities decoded.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]*)>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<@([A-Z0-9]+)\|([^>]*)>/g, '@$2')
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A mention's text without the bot's own mention (and a ":" or "," after it):
 * "<@UBOT> Caggins" → "Caggins", "<@UBOT>: quotes Kagens" → "quotes Kagens".
 */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>[:,]?`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>[:,]?/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
