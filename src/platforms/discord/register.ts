/**
 * `npm run register`: declares `/coalition` to Discord (PUT replaces the application's
 * commands, so running it again is safe). Global by default — Discord may take up to an hour
 * to show changes everywhere — or in one server with DISCORD_GUILD_ID, where changes appear
 * at once (use it while developing).
 *
 * Environment: DISCORD_TOKEN (the bot token), DISCORD_APPLICATION_ID (the application id from
 * the Developer Portal), optional DISCORD_GUILD_ID.
 */
import path from 'node:path';
import { REST, Routes } from 'discord.js';
import type { CommandSpec } from '../../commands/command';
import { COMMANDS } from '../../commands/commandSet';
import { commandPayload } from './commandPayload';

export interface RegisterOptions {
  token?: string;
  applicationId?: string;
  /** One server only (instant); otherwise global. */
  guildId?: string;
  /** REST API base (tests point it at a fake Discord); discord.js appends /v10. */
  api?: string;
  commands?: readonly CommandSpec[];
}

export interface RegisterResult {
  scope: 'global' | 'guild';
  guildId: string | null;
  /** The registered command names, with their subcommands: "coalition (quotes, speaker, …)". */
  registered: string[];
}

const SNOWFLAKE = /^\d{17,20}$/;

/** What is wrong with the settings, one message per problem (empty when they are fine). */
export function checkRegisterOptions(options: RegisterOptions): string[] {
  const problems: string[] = [];
  if (!options.token?.trim()) problems.push('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot → Reset Token).');
  if (!options.applicationId?.trim()) problems.push('DISCORD_APPLICATION_ID is not set: copy the Application ID from the Developer Portal (General Information).');
  else if (!SNOWFLAKE.test(options.applicationId.trim())) problems.push(`DISCORD_APPLICATION_ID must be a numeric id (17–20 digits), not "${options.applicationId}".`);
  if (options.guildId !== undefined && options.guildId.trim() && !SNOWFLAKE.test(options.guildId.trim())) {
    problems.push(`DISCORD_GUILD_ID must be a numeric server id (17–20 digits; Developer Mode → right-click the server → Copy Server ID), not "${options.guildId}".`);
  }
  return problems;
}

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const problems = checkRegisterOptions(options);
  if (problems.length) throw new Error(problems.join('\n'));
  const applicationId = options.applicationId!.trim();
  const guildId = options.guildId?.trim() || null;
  const rest = new REST(options.api ? { api: options.api } : {}).setToken(options.token!.trim());
  try {
    const body = commandPayload(options.commands ?? COMMANDS);
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    const result = (await rest.put(route, { body })) as Array<{ name: string; options?: Array<{ name: string }> }>;
    return {
      scope: guildId ? 'guild' : 'global',
      guildId,
      registered: result.map((c) => `${c.name}${c.options?.length ? ` (${c.options.map((o) => o.name).join(', ')})` : ''}`),
    };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

export async function main(env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  try {
    const result = await registerCommands({ token: env.DISCORD_TOKEN, applicationId: env.DISCORD_APPLICATION_ID, guildId: env.DISCORD_GUILD_ID });
    out(`Registered ${result.scope === 'guild' ? `in server ${result.guildId} (visible now)` : 'globally (Discord may take up to an hour to show changes)'}: /${result.registered.join(', /')}`);
    return 0;
  } catch (e) {
    const status = (e as { status?: number }).status;
    const hint = status === 401 ? ' — the token was rejected: check DISCORD_TOKEN' : status === 403 || status === 404 ? ' — check DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID: the bot must be in that server with the applications.commands scope)' : '';
    err(`register failed: ${(e as Error).message}${hint}`);
    return 1;
  }
}

// Run when executed (bin/run-ts.js leaves this file as argv[1]), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) void main().then((code) => (process.exitCode = code));
