/**
 * A command is declared once — name, description, typed options, who may run it, a handler
 * returning a platform-neutral Reply — and every door (Discord, Slack, DMs, console, CLI)
 * reads the same declaration.
 */
import type { LoadedCorpus } from '../core/loadCorpus';
import type { Platform, Store, Subscription } from '../store/store';
import type { OptionSpec, ParsedArgs } from './options';
import type { Reply } from './reply';

/** Who asked, and where. Adapters fill it from their platform's event. */
export interface Caller {
  platform: Platform;
  userId: string;
  channelId: string;
  /** Discord guild or Slack team. */
  workspaceId?: string | null;
  isDirectMessage: boolean;
  /** Discord: Manage Channels; Slack: workspace admin or a configured user; console: always. */
  canManageChannel: boolean;
}

/** What handlers may use. The corpus is a getter: content watching swaps it while the bot runs. */
export interface CommandServices {
  corpus(): LoadedCorpus;
  store: Store;
  /** The scheduler's view of subscriptions: next runs, and a nudge after changes. */
  schedules: {
    nextRun(subscription: Subscription): Date | null;
    changed(): Promise<void>;
  };
  /** Default timezone for new subscriptions. */
  defaultTimezone: string;
  renderCardPng(card: import('../core/cards/cardModel').QuoteCard): Buffer;
  now(): Date;
}

export interface CommandContext {
  caller: Caller;
  services: CommandServices;
}

export type Access = 'everyone' | 'channel-manager';

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  access: Access;
  /** Usage examples shown by help and on malformed input. */
  examples: string[];
  run(args: ParsedArgs, ctx: CommandContext): Promise<Reply> | Reply;
}
