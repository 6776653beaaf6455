/**
 * Chat text → a command and its raw option values: `/coalition quotes speaker:Kagens
 * since:2020-01 "financial networks"`. Used by Slack's slash command text, the console and
 * DMs; values are checked afterwards by the option kinds, like Discord's typed options.
 */
import type { CommandSpec } from './command';
import { usage } from './commandSet';
import { findOption } from './options';

/** Splits on spaces, keeping "quoted values" (straight, curly or «») together. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  const re = /(\S*?)(?:"([^"]*)"|“([^”]*)”|«([^»]*)»)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[5] !== undefined) out.push(m[5]);
    else out.push((m[1] ?? '') + (m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

export type TextParse = { ok: true; command: CommandSpec; raw: Record<string, string> } | { ok: false; error: string; command?: CommandSpec };

/** Strips "/coalition" or "coalition" and returns the rest. */
export function stripPrefix(text: string): string {
  return text.trim().replace(/^\/?coalition(?:\s+|$)/i, '');
}

export function parseCommandText(text: string, commands: readonly CommandSpec[]): TextParse {
  const words = splitWords(stripPrefix(text));
  if (words.length === 0) return { ok: false, error: 'no command given' };
  const name = words[0].replace(/^\//, '').toLowerCase();
  const command = commands.find((c) => c.name === name);
  if (!command) return { ok: false, error: `unknown command '${words[0]}': try ${commands.map((c) => c.name).join(', ')}` };
  const raw: Record<string, string> = {};
  const free: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const dash = /^--([a-z][a-z-]*)(?:=(.*))?$/i.exec(w);
    const colon = /^([a-z][a-z-]*):(.*)$/i.exec(w);
    let key: string | undefined;
    let value: string | undefined;
    if (dash) {
      const spec = findOption(command.options, dash[1]);
      key = spec?.name ?? dash[1].toLowerCase();
      value = dash[2] ?? (spec?.kind === 'flag' ? 'yes' : words[++i]);
    } else if (colon && !/^https?:/i.test(w) && findOption(command.options, colon[1])) {
      key = findOption(command.options, colon[1])!.name;
      value = colon[2];
    } else if (colon && !/^https?:/i.test(w) && !command.options.some((o) => o.takesFreeWords && o.kind === 'text')) {
      return { ok: false, command, error: `unknown option '${colon[1]}' for ${command.name}: expected ${command.options.map((o) => o.name).join(', ') || 'no options'}\nUsage: ${usage(command)}` };
    }
    if (key === undefined) {
      free.push(w);
      continue;
    }
    if (!findOption(command.options, key)) return { ok: false, command, error: `unknown option '${key}' for ${command.name}\nUsage: ${usage(command)}` };
    if (value === undefined) return { ok: false, command, error: `${key}: needs a value\nUsage: ${usage(command)}` };
    if (raw[key] !== undefined) return { ok: false, command, error: `${key} given twice\nUsage: ${usage(command)}` };
    raw[key] = value;
  }
  if (free.length) {
    const target = command.options.find((o) => o.takesFreeWords);
    if (!target) return { ok: false, command, error: `unexpected '${free.join(' ')}' for ${command.name}\nUsage: ${usage(command)}` };
    if (raw[target.name] !== undefined) return { ok: false, command, error: `${target.name} given twice\nUsage: ${usage(command)}` };
    raw[target.name] = free.join(' ');
  }
  return { ok: true, command, raw };
}
