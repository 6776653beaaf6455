/**
 * What a command answers, before any platform has drawn it: every door (Discord embeds, Slack
 * blocks, console text) renders the same model, so the answers agree everywhere.
 */
import type { QuoteCard } from '../core/cards/cardModel';
import type { Digest } from '../core/digest/buildDigest';
import type { Language, QuoteKind } from '../core/types';
import type { Speaker } from '../core/speakers/registry';
import type { ParsedArgs } from './options';

export interface QuoteView {
  id: string;
  text: string;
  speaker: string | null;
  speakerId: string | null;
  /** The speaker's role at the article's date ("Spokesman, CJTF-OIR"), when known. */
  role: string | null;
  kind: QuoteKind;
  language: Language;
  articleId: string;
  title: string;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

/** Enough to ask for another page of the same answer. */
export interface PageRequest {
  command: string;
  args: ParsedArgs;
}

export interface SpeakerProfile {
  id: string;
  name: string;
  kind: Speaker['kind'];
  learned: boolean;
  aliases: { en: string[]; ar: string[] };
  roles: string[];
  quotes: number;
  articles: number;
  first: string | null;
  last: string | null;
}

export interface ScheduleView {
  id: string;
  channelId: string;
  description: string;
  status: 'active' | 'paused';
  pausedReason: string | null;
  nextRun: Date | null;
  recent: Array<{ slot: Date; status: string; error: string | null }>;
}

export type Reply =
  | { kind: 'error'; message: string }
  | { kind: 'notice'; title: string; lines: string[]; ephemeral?: boolean }
  | {
      kind: 'quotes';
      heading: string;
      quotes: QuoteView[];
      total: number;
      offset: number;
      next?: PageRequest;
      previous?: PageRequest;
    }
  | { kind: 'speaker'; profile: SpeakerProfile; latest: QuoteView[] }
  | { kind: 'speakers'; speakers: Array<{ id: string; name: string; learned: boolean; quotes: number }>; total: number }
  | { kind: 'digest'; heading: string; digest: Digest }
  | { kind: 'card'; card: QuoteCard; png: Buffer; fileName: string }
  | { kind: 'schedules'; channelId: string; schedules: ScheduleView[] };

export function errorReply(message: string): Reply {
  return { kind: 'error', message };
}
