/**
 * The Discord door: discord.js events in, the shared CommandRunner, Discord messages out.
 * Nothing about news lives here.
 *
 * - `/coalition SUB …` (chat input): options are checked first; a bad value or a refused
 *   permission is answered at once, ephemerally. Lookups in the in-memory index (quotes,
 *   speaker, speakers, help) are answered at once too, in the callback. Digests, cards and the
 *   subscription commands are deferred before they run (Discord allows 3 seconds for the
 *   first answer), then the deferred reply is edited with the answer. Deferring fixes whether
 *   the answer is ephemeral, so when a deferred command ends in an error the public
 *   "thinking…" message is deleted and the error is sent as an ephemeral follow-up.
 * - Autocomplete: speaker names from the runner (canonical names and aliases, both scripts).
 * - Paging buttons: a button's custom_id holds a short token for the page request, kept in a
 *   small in-memory LRU (custom_id is capped at 100 characters); an unknown token (expired,
 *   or the bot restarted) gets an ephemeral "run the command again".
 * - Direct messages: a message naming a speaker gets their latest quotes (DM content needs no
 *   privileged intent).
 * - post(): scheduled digests to a channel, with a nonce per message derived from the
 *   delivery's idempotency key and enforce_nonce, so a retried post is not shown twice.
 *
 * Rate limits: @discordjs/rest waits out a 429 by itself (retry-after, then the same request
 * again). A wait longer than `maxRateLimitWaitMs` is not waited for: the request fails with a
 * RateLimitError, which post() turns into a transient DeliveryError carrying retryAfterMs so
 * the scheduler retries later instead of holding a delivery open.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  RateLimitError,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type JSONEncodable,
  type Message,
  type RateLimitData,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Caller } from '../../commands/command';
import type { CommandRunner } from '../../commands/commandRunner';
import type { PageRequest, Reply } from '../../commands/reply';
import { DeliveryError, type PlatformAdapter, type PostResult } from '../adapter';
import { COMMAND_NAME } from './commandPayload';
import { PAGE_PREFIX, renderReply, type OutgoingMessage, type RenderContext } from './embeds';

export interface DiscordAdapterOptions {
  token: string;
  runner: CommandRunner;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** REST API base (tests point it at a fake Discord); discord.js appends /v10. */
  restApi?: string;
  /** Longest rate-limit wait discord.js may sit out inside a request (default 10 s); longer ones fail. */
  maxRateLimitWaitMs?: number;
  /** Page requests remembered for paging buttons (default 1000). */
  pageCacheSize?: number;
}

/**
 * Commands answered in the interaction's callback itself: they only read the in-memory index
 * (a millisecond or less, even at a million quotes), so one request answers them, an error is
 * simply ephemeral, and no follow-up waits behind discord.js's global request limit. Every
 * other command (digests and cards take CPU time; subscriptions use the database) is deferred
 * first, as are commands added later until they are listed here.
 */
export const IMMEDIATE = new Set(['quotes', 'speaker', 'speakers', 'help']);

/** Discord errors after which posting to the channel cannot succeed: the subscription is paused. */
const PERMANENT_CODES = new Map<number, string>([
  [RESTJSONErrorCodes.UnknownChannel, 'the channel no longer exists'],
  [RESTJSONErrorCodes.UnknownGuild, 'the bot is no longer in that server'],
  [RESTJSONErrorCodes.MissingAccess, 'the bot cannot see the channel'],
  [RESTJSONErrorCodes.MissingPermissions, 'the bot may not post there: it needs View Channel, Send Messages, Embed Links and Attach Files'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'the user does not accept direct messages from the bot'],
  [RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel, 'the channel is not a text channel'],
]);

/** A failed Discord request as the scheduler's DeliveryError: permanent (pause) or transient (retry). */
export function toDeliveryError(e: unknown, channelId: string): DeliveryError {
  if (e instanceof DeliveryError) return e;
  if (e instanceof RateLimitError) {
    return new DeliveryError(`Discord rate limit on ${e.route}: retry in ${Math.ceil(e.retryAfter / 1000)} s`, false, e.retryAfter);
  }
  if (e instanceof DiscordAPIError) {
    const code = Number(e.code);
    const why = PERMANENT_CODES.get(code);
    if (why) return new DeliveryError(`${why} (Discord ${code}: ${e.message}; channel ${channelId})`, true);
    if (e.status === 403 || e.status === 404) return new DeliveryError(`Discord refused the post: ${e.message} (HTTP ${e.status}, code ${code}; channel ${channelId})`, true);
    return new DeliveryError(`Discord refused the post: ${e.message} (HTTP ${e.status}, code ${code})`, false);
  }
  if (e instanceof HTTPError) return new DeliveryError(`Discord is failing: HTTP ${e.status} ${e.message}`, false);
  return new DeliveryError(`cannot reach Discord: ${e instanceof Error ? e.message : String(e)}`, false);
}

/** A Discord message nonce (at most 25 characters) for part `index` of the delivery `key`. */
export function nonceFor(key: string, index: number): string {
  return createHash('sha256').update(`${key}#${index}`).digest('base64url').slice(0, 25);
}

/** Page requests behind paging buttons, least recently used dropped first. */
export class PageCache {
  private readonly entries = new Map<string, PageRequest>();
  constructor(private readonly capacity = 1000) {}

  /** Tokens of an earlier run (the bot restarted) never match: each run has its own prefix. */
  private readonly prefix = randomBytes(4).toString('base64url');
  private counter = 0;

  put(request: PageRequest): string {
    const token = `${this.prefix}${(this.counter++).toString(36)}`;
    this.entries.set(token, request);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return token;
  }

  get(token: string): PageRequest | undefined {
    const request = this.entries.get(token);
    if (request) {
      this.entries.delete(token);
      this.entries.set(token, request);
    }
    return request;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Already in Discord's wire format: discord.js sends it as is instead of re-casing every key. */
function wire<T>(data: T): JSONEncodable<T> {
  return { toJSON: () => data };
}

/** discord.js message options for an outgoing message; mentions are always off. */
export function messageOptions(m: OutgoingMessage): BaseMessageOptions {
  return {
    content: m.content ?? '',
    embeds: m.embeds.map(wire),
    components: (m.components ?? []).map(wire),
    files: m.files?.map((f) => ({ attachment: f.data, name: f.name })),
    allowedMentions: { parse: [] },
  };
}

export class DiscordAdapter implements PlatformAdapter {
  readonly platform = 'discord' as const;
  readonly pages: PageCache;
  private client: Client | null = null;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly render: RenderContext;
  private readonly maxRateLimitWaitMs: number;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.pages = new PageCache(options.pageCacheSize);
    this.render = { pageButton: (request) => `${PAGE_PREFIX}${this.pages.put(request)}` };
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 10_000;
  }

  /** The discord.js client while started (tests and the bench read it). */
  get discord(): Client | null {
    return this.client;
  }

  async start(): Promise<void> {
    if (this.client) return;
    this.stopping = false;
    const client = new Client({
      // No privileged intents: slash commands need none, and DM content is delivered without Message Content.
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      // DM channels are not cached before their first message.
      partials: [Partials.Channel],
      allowedMentions: { parse: [] },
      rest: {
        ...(this.options.restApi ? { api: this.options.restApi } : {}),
        rejectOnRateLimit: (limit: RateLimitData) => Math.max(limit.retryAfter, limit.timeToReset) > this.maxRateLimitWaitMs,
      },
    });
    client.on(Events.InteractionCreate, (interaction) => this.track(this.onInteraction(interaction)));
    client.on(Events.MessageCreate, (message) => this.track(this.onMessage(message)));
    client.on(Events.Error, (err) => this.options.log?.error({ err }, 'discord client error'));
    client.on(Events.Warn, (warning) => this.options.log?.warn({ warning }, 'discord client warning'));
    client.on(Events.ShardDisconnect, (event, shard) => this.options.log?.warn({ code: event.code, shard }, 'discord gateway disconnected'));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    try {
      await client.login(this.options.token);
      await ready;
    } catch (e) {
      await client.destroy();
      throw new Error(`cannot connect to Discord: ${(e as Error).message}`, { cause: e });
    }
    this.client = client;
    this.options.log?.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    const client = this.client;
    this.client = null;
    await client?.destroy();
  }

  async post(channelId: string, reply: Reply, options: { idempotencyKey: string }): Promise<PostResult> {
    const client = this.client;
    if (!client) throw new DeliveryError('not connected to Discord', false);
    let channel;
    try {
      channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId, { allowUnknownGuild: true }));
    } catch (e) {
      throw toDeliveryError(e, channelId);
    }
    if (!channel?.isSendable()) throw new DeliveryError(`channel ${channelId} cannot receive messages (not a text channel)`, true);
    let messageRef: string | undefined;
    const messages = renderReply(reply);
    for (const [index, m] of messages.entries()) {
      try {
        const sent = await channel.send({ ...messageOptions(m), nonce: nonceFor(options.idempotencyKey, index), enforceNonce: true });
        messageRef ??= sent.id;
      } catch (e) {
        throw toDeliveryError(e, channelId);
      }
    }
    return { messageRef: messageRef ?? '' };
  }

  // ------------------------------------------------------------------ events

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (this.stopping) return;
    try {
      if (interaction.isAutocomplete()) await this.onAutocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.onCommand(interaction);
      else if (interaction.isButton()) await this.onButton(interaction);
    } catch (err) {
      this.options.log?.error({ err, interaction: interaction.id }, 'answering a discord interaction failed');
    }
  }

  private callerOf(interaction: Interaction): Caller {
    const inGuild = Boolean(interaction.guildId);
    return {
      platform: 'discord',
      userId: interaction.user.id,
      channelId: interaction.channelId ?? '',
      workspaceId: interaction.guildId,
      isDirectMessage: !inGuild,
      canManageChannel: inGuild && Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)),
    };
  }

  private async onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    if (interaction.commandName !== COMMAND_NAME) return interaction.respond([]);
    const focused = interaction.options.getFocused(true);
    const sub = interaction.options.getSubcommand(false) ?? '';
    await interaction.respond(this.options.runner.autocomplete(sub, focused.name, String(focused.value ?? '')));
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const runner = this.options.runner;
    const caller = this.callerOf(interaction);
    const name = interaction.commandName === COMMAND_NAME ? interaction.options.getSubcommand(false) : null;
    const spec = runner.commands.find((c) => c.name === name);
    if (!spec) return this.replyNow(interaction, await runner.run(name ?? interaction.commandName, {}, caller));
    const raw: Record<string, unknown> = {};
    for (const option of interaction.options.data[0]?.options ?? []) raw[option.name] = option.value;
    const parsed = runner.parseArgs(spec, raw);
    if (!parsed.ok) return this.replyNow(interaction, { kind: 'error', message: parsed.error });
    if (spec.access === 'channel-manager' && (!caller.canManageChannel || caller.isDirectMessage)) {
      // The runner refuses without running the handler: answer at once, ephemerally.
      return this.replyNow(interaction, await runner.execute(spec, parsed.args, caller));
    }
    if (IMMEDIATE.has(spec.name)) return this.replyNow(interaction, await runner.execute(spec, parsed.args, caller));
    await interaction.deferReply();
    const reply = await runner.execute(spec, parsed.args, caller);
    await this.finishDeferred(interaction, reply, false);
  }

  /** A first answer without deferring (errors found before any work). */
  private async replyNow(interaction: ChatInputCommandInteraction | ButtonInteraction, reply: Reply): Promise<void> {
    const [first, ...rest] = renderReply(reply, this.render);
    const flags = first.ephemeral ? MessageFlags.Ephemeral : undefined;
    await interaction.reply({ ...messageOptions(first), flags });
    for (const m of rest) await interaction.followUp({ ...messageOptions(m), flags });
  }

  private async finishDeferred(interaction: ChatInputCommandInteraction, reply: Reply, deferredEphemeral: boolean): Promise<void> {
    const messages = renderReply(reply, this.render);
    if (messages[0].ephemeral && !deferredEphemeral) {
      // A public "thinking…" cannot become ephemeral, and the first follow-up after a defer
      // would replace it publicly: delete it, then answer ephemerally.
      await interaction.deleteReply();
      for (const m of messages) await interaction.followUp({ ...messageOptions(m), flags: MessageFlags.Ephemeral });
      return;
    }
    const [first, ...rest] = messages;
    await interaction.editReply(messageOptions(first));
    for (const m of rest) await interaction.followUp({ ...messageOptions(m), flags: deferredEphemeral ? MessageFlags.Ephemeral : undefined });
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    if (!interaction.customId.startsWith(PAGE_PREFIX)) return;
    const request = this.pages.get(interaction.customId.slice(PAGE_PREFIX.length));
    const spec = request && this.options.runner.commands.find((c) => c.name === request.command);
    if (!request || !spec) {
      return this.replyNow(interaction, { kind: 'notice', title: 'This page expired', lines: ['Run the command again for fresh results.'], ephemeral: true });
    }
    const reply = await this.options.runner.execute(spec, request.args, this.callerOf(interaction));
    const [first] = renderReply(reply, this.render);
    if (first.ephemeral) return this.replyNow(interaction, reply);
    await interaction.update(messageOptions(first));
  }

  private async onMessage(message: Message): Promise<void> {
    if (this.stopping || message.author.bot || message.guildId || message.author.id === message.client.user?.id) return;
    const text = message.content.trim();
    if (!text || !message.channel.isSendable()) return;
    const caller: Caller = { platform: 'discord', userId: message.author.id, channelId: message.channelId, workspaceId: null, isDirectMessage: true, canManageChannel: false };
    try {
      const reply = await this.options.runner.directMessage(text, caller);
      for (const m of renderReply(reply, this.render)) await message.channel.send(messageOptions(m));
    } catch (err) {
      this.options.log?.error({ err, message: message.id }, 'answering a discord direct message failed');
    }
  }
}
