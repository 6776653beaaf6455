/**
 * The shared command set as one Discord chat-input command, `/coalition`, with a subcommand per
 * command. Generated from the declarations in src/commands, so Discord shows the same options,
 * descriptions and choices as every other door.
 *
 * Permissions: Discord's `default_member_permissions` belongs to the whole command, not to a
 * subcommand, so `/coalition` stays usable by everyone and subscribe/unsubscribe check Manage
 * Channels when they run (the shared runner refuses them otherwise).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec } from '../../commands/command';
import { COMMANDS } from '../../commands/commandSet';
import type { OptionSpec } from '../../commands/options';

export const COMMAND_NAME = 'coalition';
export const COMMAND_DESCRIPTION = 'Who said what about the coalition against ISIS: quotes, speakers, digests, cards.';

/** Discord's limits on command declarations. */
export const COMMAND_LIMITS = { description: 100, choices: 25, options: 25, choiceName: 100 } as const;

const LANGUAGE_CHOICES = [
  { name: 'English', value: 'en' },
  { name: 'Arabic (العربية)', value: 'ar' },
];

/** At most `max` characters, cut with "…". */
export function clipDescription(text: string, max: number = COMMAND_LIMITS.description): string {
  const t = text.replace(/\s+/g, ' ').trim() || '—';
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/** One shared option as a Discord option: speakers autocomplete, dates are strings checked when the command runs. */
export function optionPayload(option: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: clipDescription(option.description), required: Boolean(option.required) };
  switch (option.kind) {
    case 'speaker':
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true, max_length: 200 };
    case 'text':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 200 };
    case 'date':
      // YYYY, YYYY-MM or YYYY-MM-DD: validated by the shared parser, which names the bad value.
      return { ...base, type: ApplicationCommandOptionType.String, min_length: 4, max_length: 10 };
    case 'language':
      return { ...base, type: ApplicationCommandOptionType.String, choices: LANGUAGE_CHOICES };
    case 'count':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: option.min ?? 1, max_value: option.max ?? 10000 };
    case 'choice': {
      const choices = (option.choices ?? []).map((c) => ({ name: c.slice(0, COMMAND_LIMITS.choiceName), value: c }));
      if (choices.length > COMMAND_LIMITS.choices) return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
      return { ...base, type: ApplicationCommandOptionType.String, choices };
    }
    case 'flag':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
  }
}

/** A command as a subcommand; Discord wants required options before optional ones. */
export function subcommandPayload(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  const options = [...spec.options.filter((o) => o.required), ...spec.options.filter((o) => !o.required)].map(optionPayload);
  if (options.length > COMMAND_LIMITS.options) throw new Error(`${spec.name}: Discord allows ${COMMAND_LIMITS.options} options, it has ${options.length}`);
  return { type: ApplicationCommandOptionType.Subcommand, name: spec.name, description: clipDescription(spec.description), options };
}

/** The body of PUT /applications/:id/commands (global) or …/guilds/:id/commands. */
export function commandPayload(commands: readonly CommandSpec[] = COMMANDS): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      description: COMMAND_DESCRIPTION,
      // Everyone may use it; subscribe/unsubscribe check Manage Channels at run time.
      default_member_permissions: null,
      // Installed to servers; usable there and in DMs with the bot.
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      options: commands.map(subcommandPayload),
    },
  ];
}
