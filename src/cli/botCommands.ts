/**
 * The bot's read-only commands (quotes, speaker, speakers, digest, card) on the command line,
 * generated from the same declarations the chat doors use: `--speaker NAME`, `--since DATE`,
 * loose words as the search, plus what only a terminal needs (--content, --json, --format,
 * --out). Subscriptions live in the running bot's store and are managed from chat or the console.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { findCommand } from '../commands/commandSet';
import type { Caller, CommandServices, CommandSpec } from '../commands/command';
import { CommandRunner, UserFacingError } from '../commands/commandRunner';
import { parseOptionValue, type OptionSpec } from '../commands/options';
import type { Reply } from '../commands/reply';
import { renderReplyText } from '../commands/renderText';
import { renderCardPng } from '../core/cards/renderCard';
import { formatDigestMarkdown, formatDigestText } from '../core/digest/formatDigest';
import type { LoadedCorpus } from '../core/loadCorpus';
import type { Store } from '../store/store';
import { processIo, type CliIo } from './io';
import { loadForCli } from './loadForCli';

type DigestFormat = 'text' | 'markdown' | 'json';

interface CliExtras {
  /** The option filled by the positional argument. */
  positional?: string;
  json?: boolean;
  format?: boolean;
  out?: boolean;
}

const CLI_COMMANDS: Record<string, CliExtras> = {
  quotes: { json: true },
  speaker: { positional: 'name', json: true },
  speakers: { positional: 'filter', json: true },
  digest: { format: true },
  card: { positional: 'quote', out: true },
};

const CLI_CALLER: Caller = { platform: 'console', userId: 'cli', channelId: 'cli', isDirectMessage: false, canManageChannel: false };

/** The command line reads content/ directly and keeps no state: commands that need the store say so. */
const NO_STORE = new Proxy({} as Store, {
  get: (_t, prop) => (prop === 'kind' ? 'sqlite' : () => Promise.reject(new UserFacingError('subscriptions are managed in the running bot (npm start, Discord or Slack), not from the command line'))),
});

function cliServices(loaded: LoadedCorpus): CommandServices {
  return {
    corpus: () => loaded,
    store: NO_STORE,
    schedules: { nextRun: () => null, changed: async () => undefined },
    defaultTimezone: 'UTC',
    renderCardPng,
    now: () => new Date(),
  };
}

function flagsOf(o: OptionSpec): string {
  const value = o.kind === 'flag' ? '' : ` <${o.kind === 'speaker' ? 'name' : o.kind === 'date' ? 'date' : o.kind === 'count' ? 'n' : 'value'}>`;
  return `--${o.name}${value}`;
}

/** commander reads the value with the option's own checks, so a bad one fails before any loading. */
function argParser(o: OptionSpec) {
  return (value: string) => {
    const parsed = parseOptionValue(o, value);
    if (!parsed.ok) throw new InvalidArgumentError(parsed.error.replace(/^[a-z-]+: /, ''));
    return value;
  };
}

function writeCard(reply: Extract<Reply, { kind: 'card' }>, out: string, io: CliIo): void {
  const file = path.resolve(out);
  try {
    fs.writeFileSync(file, reply.png);
  } catch (e) {
    io.err(`error: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    io.setExitCode(1);
    return;
  }
  io.out(file);
}

function checkOutPath(out: string): string | null {
  const file = path.resolve(out);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return `error: cannot write ${out}: directory ${dir} does not exist`;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return `error: cannot write ${out}: it is a directory`;
  return null;
}

function registerOne(program: Command, spec: CommandSpec, extras: CliExtras, io: CliIo): void {
  const cmd = program.command(spec.name).description(spec.description);
  const positional = extras.positional ? spec.options.find((o) => o.name === extras.positional) : undefined;
  if (positional) cmd.argument(positional.takesFreeWords ? `[${positional.name}...]` : `[${positional.name}]`, positional.description);
  const free = spec.options.find((o) => o.takesFreeWords && o !== positional);
  if (free && !positional) cmd.argument(`[${free.name}...]`, `${free.description} (loose words)`);
  for (const o of spec.options) {
    cmd.option(flagsOf(o), o.description, argParser(o));
    for (const alias of o.aliases ?? []) cmd.option(`--${alias} <value>`, `same as --${o.name}`, argParser(o));
  }
  if (extras.json) cmd.option('--json', 'print the answer as JSON');
  if (extras.format) cmd.option('--format <format>', 'text, markdown or json', (v: string) => {
    if (v !== 'text' && v !== 'markdown' && v !== 'json') throw new InvalidArgumentError(`"${v}" is not a format: expected text, markdown or json.`);
    return v;
  }, 'text');
  if (extras.out) cmd.requiredOption('--out <file>', 'where to write the PNG');
  cmd.option('--content <dir>', 'content directory', 'content');
  cmd.action(async (...params: unknown[]) => {
    const opts = params[params.length - 2] as Record<string, unknown>;
    const words = params.slice(0, params.length - 2).flat().filter((w): w is string => typeof w === 'string');
    const raw: Record<string, unknown> = {};
    for (const o of spec.options) {
      const key = o.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      const value = opts[key] ?? (o.aliases ?? []).map((a) => opts[a.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())]).find((v) => v !== undefined);
      if (value !== undefined) raw[o.name] = value;
    }
    const target = positional ?? free;
    if (words.length && target) raw[target.name] = raw[target.name] ? `${String(raw[target.name])} ${words.join(' ')}` : words.join(' ');
    if (extras.out) {
      const problem = checkOutPath(String(opts.out));
      if (problem) {
        io.err(problem);
        io.setExitCode(1);
        return;
      }
    }
    const loaded = loadForCli(String(opts.content), io);
    const reply = await new CommandRunner(cliServices(loaded)).run(spec.name, raw, CLI_CALLER);
    if (reply.kind === 'error') {
      io.err(`error: ${reply.message}`);
      io.setExitCode(1);
      return;
    }
    if (reply.kind === 'card' && extras.out) return writeCard(reply, String(opts.out), io);
    if (reply.kind === 'digest' && extras.format) {
      const format = opts.format as DigestFormat;
      const lines = format === 'json' ? [JSON.stringify(reply.digest)] : format === 'markdown' ? formatDigestMarkdown(reply.digest) : formatDigestText(reply.digest);
      for (const line of lines) io.out(line);
      return;
    }
    if (opts.json) {
      const { kind: _kind, ...model } = reply;
      io.out(JSON.stringify(reply.kind === 'speaker' ? { ...reply.profile, latest: reply.latest } : model));
      return;
    }
    for (const line of renderReplyText(reply)) io.out(line);
  });
}

/** Adds quotes, speaker, speakers, digest and card, declared once in src/commands. */
export function registerBotCommands(program: Command, io: CliIo = processIo): void {
  for (const [name, extras] of Object.entries(CLI_COMMANDS)) registerOne(program, findCommand(name)!, extras, io);
}
