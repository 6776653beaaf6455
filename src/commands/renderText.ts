/** Replies as plain text lines: the console's rendering (and a fallback for any door). */
import { formatDigestText } from '../core/digest/formatDigest';
import type { QuoteView, Reply } from './reply';

/** Whitespace collapsed to single spaces, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function quoteLine(q: QuoteView): string {
  const who = q.speaker ? `${q.speaker}${q.role ? `, ${q.role}` : ''}` : 'unknown speaker';
  const source = [q.outlet, q.date ?? 'undated'].filter(Boolean).join(', ');
  return `“${oneLine(q.text, 300)}” — ${who} (${q.kind}${q.language === 'ar' ? ', Arabic' : ''}; ${source}; id ${q.id})${q.url ? ` ${q.url}` : ''}`;
}

function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') + 'Z' : '—';
}

export function renderReplyText(reply: Reply): string[] {
  switch (reply.kind) {
    case 'error':
      return [`error: ${reply.message}`];
    case 'notice':
      return [reply.title, ...reply.lines];
    case 'quotes': {
      const lines = [`${reply.heading} — ${reply.offset + 1}–${reply.offset + reply.quotes.length} of ${reply.total}`];
      for (const q of reply.quotes) lines.push(`  ${quoteLine(q)}`);
      if (reply.next) lines.push(`  more: page:${String(reply.next.args.page)}`);
      return lines;
    }
    case 'speaker': {
      const p = reply.profile;
      const lines = [`${p.name}${p.learned ? ' (learned from articles)' : ''}`];
      for (const r of p.roles) lines.push(`  ${r}`);
      const aliases = [...p.aliases.en, ...p.aliases.ar];
      if (aliases.length) lines.push(`  also written: ${aliases.join(', ')}`);
      lines.push(`  quotes: ${p.quotes} in ${p.articles} article${p.articles === 1 ? '' : 's'}${p.first ? ` (${p.first} – ${p.last})` : ''}`);
      for (const q of reply.latest) lines.push(`  ${quoteLine(q)}`);
      return lines;
    }
    case 'speakers':
      return [
        ...reply.speakers.map((s) => `${String(s.quotes).padStart(5)}  ${s.name}${s.learned ? '  (learned)' : ''}`),
        `${reply.speakers.length < reply.total ? `${reply.speakers.length} of ` : ''}${reply.total} speakers`,
      ];
    case 'digest':
      return [reply.heading, ...formatDigestText(reply.digest)];
    case 'card':
      return [`Quote card ${reply.fileName} (${reply.png.length} bytes): “${oneLine(reply.card.quote, 200)}” — ${reply.card.speaker ?? 'unknown speaker'}`];
    case 'schedules': {
      if (!reply.schedules.length) return ['No scheduled digests in this channel. Add one with /coalition subscribe schedule:"daily 09:00".'];
      const lines: string[] = [];
      for (const s of reply.schedules) {
        lines.push(`${s.id}: ${s.description} — ${s.status === 'paused' ? `PAUSED (${s.pausedReason ?? 'no reason given'}); fix it, then /coalition resume id:${s.id}` : `next ${when(s.nextRun)}`}`);
        for (const d of s.recent) lines.push(`    ${when(d.slot)} ${d.status}${d.error ? `: ${d.error}` : ''}`);
      }
      return lines;
    }
  }
}
