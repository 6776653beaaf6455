/**
 * Runs commands for every door: checks option values and permissions, calls the handler, and
 * turns every failure into an error reply, so no input can crash the bot.
 */
import type { Logger } from 'pino';
import { COMMANDS, findCommand, usage } from './commandSet';
import type { Caller, CommandServices, CommandSpec } from './command';
import { findOption, parseOptionValue, type ParsedArgs } from './options';
import { parseCommandText, stripPrefix, splitWords } from './parseText';
import { errorReply, type Reply } from './reply';
import { nameKey } from '../core/speakers/names';

export interface AutocompleteChoice {
  name: string;
  value: string;
}

/** A failure the user can act on (the database is down, …) rather than a bug. */
export class UserFacingError extends Error {}

export class CommandRunner {
  constructor(
    readonly services: CommandServices,
    private readonly log?: Pick<Logger, 'error' | 'warn'>,
    readonly commands: readonly CommandSpec[] = COMMANDS,
  ) {}

  /** Checks raw values (text from chat, typed values from Discord) against the command's options. */
  parseArgs(spec: CommandSpec, raw: Record<string, unknown>): { ok: true; args: ParsedArgs } | { ok: false; error: string } {
    const args: ParsedArgs = {};
    for (const [key, value] of Object.entries(raw)) {
      if (value === undefined || value === null) continue;
      const option = findOption(spec.options, key);
      if (!option) return { ok: false, error: `unknown option '${key}' for ${spec.name}\nUsage: ${usage(spec)}` };
      const parsed = parseOptionValue(option, value);
      if (!parsed.ok) return { ok: false, error: `${parsed.error}\nUsage: ${usage(spec)}` };
      args[option.name] = parsed.value;
    }
    const missing = spec.options.filter((o) => o.required && args[o.name] === undefined);
    if (missing.length) return { ok: false, error: `${spec.name} needs ${missing.map((o) => o.name).join(' and ')}\nUsage: ${usage(spec)}` };
    return { ok: true, args };
  }

  /** Runs a command by name with raw option values. */
  async run(name: string, raw: Record<string, unknown>, caller: Caller): Promise<Reply> {
    const spec = findCommand(name);
    if (!spec || !this.commands.includes(spec)) return errorReply(`unknown command '${name}': try ${this.commands.map((c) => c.name).join(', ')}`);
    const parsed = this.parseArgs(spec, raw);
    if (!parsed.ok) return errorReply(parsed.error);
    return this.execute(spec, parsed.args, caller);
  }

  /** Runs already-checked arguments (a paging button replays them). */
  async execute(spec: CommandSpec, args: ParsedArgs, caller: Caller): Promise<Reply> {
    if (spec.access === 'channel-manager' && !caller.canManageChannel) {
      return errorReply(`not allowed: only people who can manage this channel may use ${spec.name}`);
    }
    if (spec.access === 'channel-manager' && caller.isDirectMessage) {
      return errorReply(`${spec.name} works in a channel, not in a direct message`);
    }
    try {
      return await spec.run(args, { caller, services: this.services });
    } catch (e) {
      if (e instanceof UserFacingError) return errorReply(e.message);
      this.log?.error({ err: e, command: spec.name }, 'command failed');
      return errorReply(`${spec.name} failed: ${storeHint(e)}`);
    }
  }

  /** Chat text: "/coalition quotes speaker:Kagens sheep". Malformed text gets usage. */
  async runText(text: string, caller: Caller): Promise<Reply> {
    const parsed = parseCommandText(text, this.commands);
    if (!parsed.ok) {
      if (!stripPrefix(text)) return this.run('help', {}, caller);
      return errorReply(parsed.error);
    }
    return this.run(parsed.command.name, parsed.raw, caller);
  }

  /**
   * A direct message: "quotes <name>", a bare speaker name, or a full command line get answers;
   * anything else gets short help.
   */
  async directMessage(text: string, caller: Caller): Promise<Reply> {
    const trimmed = text.trim();
    const words = splitWords(stripPrefix(trimmed));
    if (trimmed.startsWith('/') || (words.length > 0 && findCommand(words[0].toLowerCase()) && words[0].toLowerCase() !== 'quotes')) {
      return this.runText(trimmed, caller);
    }
    const name = (words[0]?.toLowerCase() === 'quotes' ? words.slice(1) : words).join(' ').trim();
    if (name && name.length <= 80) {
      const reply = await this.run('quotes', { speaker: name }, caller);
      if (reply.kind === 'quotes' || !/^no speaker matches/.test(reply.kind === 'error' ? reply.message : '')) return reply;
      if (words[0]?.toLowerCase() === 'quotes') return reply;
      return { kind: 'notice', title: 'Who do you mean?', lines: [reply.kind === 'error' ? reply.message : '', 'Send me a speaker\'s name ("Caggins", "كوبسي") or "quotes NAME" for their latest quotes; "help" for everything else.'], ephemeral: true };
    }
    return this.run('help', {}, caller);
  }

  /** Speaker names (canonical and aliases, both scripts) starting with or containing what was typed. */
  autocomplete(commandName: string, optionName: string, typed: string, max = 25): AutocompleteChoice[] {
    const spec = findCommand(commandName);
    const option = spec?.options.find((o) => o.name === optionName);
    if (!option) return [];
    if (option.kind === 'choice') return (option.choices ?? []).filter((c) => c.startsWith(typed.toLowerCase())).slice(0, max).map((c) => ({ name: c, value: c }));
    if (option.kind !== 'speaker') return [];
    const loaded = this.services.corpus();
    const key = nameKey(typed);
    const counts = new Map(loaded.corpus.speakers().map((s) => [s.id, s.quotes]));
    const scored: Array<{ rank: number; quotes: number; choice: AutocompleteChoice }> = [];
    for (const s of loaded.registry.all()) {
      if (s.kind !== 'person') continue;
      const names = [s.name, ...s.aliases.en, ...s.aliases.ar];
      let rank = key ? Infinity : 2;
      let shown = s.name;
      for (const n of names) {
        const k = cachedNameKey(n);
        const r = k.startsWith(key) ? 0 : k.split(' ').some((w) => w.startsWith(key)) ? 1 : k.includes(key) ? 2 : Infinity;
        if (r < rank) {
          rank = r;
          shown = n === s.name ? s.name : `${s.name} (${n})`;
        }
      }
      if (rank === Infinity) continue;
      // Discord caps a choice's name and value at 100 characters.
      scored.push({ rank, quotes: counts.get(s.id) ?? 0, choice: { name: shown.slice(0, 100), value: s.name.slice(0, 100) } });
    }
    return scored
      .sort((a, b) => a.rank - b.rank || b.quotes - a.quotes || a.choice.name.localeCompare(b.choice.name))
      .slice(0, max)
      .map((s) => s.choice);
  }
}

/**
 * nameKey of directory names, remembered: autocomplete runs on every keystroke and would
 * otherwise fold every alias of every speaker each time (about a millisecond per call).
 */
const nameKeys = new Map<string, string>();
function cachedNameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    if (nameKeys.size >= 50_000) nameKeys.clear();
    key = nameKey(name);
    nameKeys.set(name, key);
  }
  return key;
}

/** A database outage reads as one, not as a stack trace. */
function storeHint(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ECONNREFUSED' || err?.code === 'SQLITE_BUSY' || /connect|terminat|database/i.test(err?.message ?? '')) return 'the database is unavailable right now; nothing was changed — try again shortly';
  return 'an internal error (logged); try again or ask an admin';
}
