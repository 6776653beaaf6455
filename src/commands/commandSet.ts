/** The `/coalition` command set, in the order help lists it. */
import type { CommandSpec } from './command';
import { optionHint } from './options';
import { cardCommand } from './cardCommand';
import { digestCommand } from './digestCommand';
import { errorReply, type Reply } from './reply';
import { quotesCommand } from './quotesCommand';
import { resumeCommand } from './resumeCommand';
import { schedulesCommand } from './schedulesCommand';
import { speakerCommand } from './speakerCommand';
import { speakersCommand } from './speakersCommand';
import { subscribeCommand } from './subscribeCommand';
import { unsubscribeCommand } from './unsubscribeCommand';

/** "/coalition quotes [speaker:NAME] [search:]WORDS …" */
export function usage(spec: CommandSpec): string {
  const opts = spec.options.map((o) => (o.required ? optionHint(o) : `[${optionHint(o)}]`));
  return [`/coalition ${spec.name}`, ...opts].join(' ');
}

export const helpCommand: CommandSpec = {
  name: 'help',
  description: 'What the bot can do, or how to use one command.',
  access: 'everyone',
  options: [{ name: 'command', kind: 'choice', description: 'A command to explain', takesFreeWords: true, choices: [] }],
  examples: ['/coalition help', '/coalition help quotes'],
  run(args): Reply {
    if (args.command) {
      const spec = COMMANDS.find((c) => c.name === args.command);
      if (!spec) return errorReply(`no command '${String(args.command)}'`);
      return helpFor(spec);
    }
    return {
      kind: 'notice',
      title: 'coalition-bot: who said what about the coalition against ISIS',
      lines: [
        ...COMMANDS.map((c) => `/coalition ${c.name} — ${c.description}`),
        'Options are name:value (quote values with spaces: speaker:"Farhad Shami"); loose words search.',
        'Direct message me a name ("Caggins", "كوبسي") for that speaker\'s latest quotes.',
      ],
      ephemeral: true,
    };
  },
};

export function helpFor(spec: CommandSpec): Reply {
  return {
    kind: 'notice',
    title: `/coalition ${spec.name}`,
    lines: [spec.description, `Usage: ${usage(spec)}`, ...spec.options.map((o) => `  ${o.name}: ${o.description}${o.required ? ' (required)' : ''}`), ...spec.examples.map((e) => `Example: ${e}`)],
    ephemeral: true,
  };
}

export const COMMANDS: readonly CommandSpec[] = [
  quotesCommand,
  speakerCommand,
  speakersCommand,
  digestCommand,
  cardCommand,
  subscribeCommand,
  unsubscribeCommand,
  resumeCommand,
  schedulesCommand,
  helpCommand,
];

// Help's choices are the command names (declared here to avoid a cycle).
helpCommand.options[0].choices = COMMANDS.map((c) => c.name);

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
