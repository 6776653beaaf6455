/**
 * One fake Discord, one store and one started DiscordAdapter (real discord.js) per test file.
 */
import { CommandRunner } from '../../../src/commands/commandRunner';
import type { CommandServices } from '../../../src/commands/command';
import { DiscordAdapter } from '../../../src/platforms/discord/discordAdapter';
import { SqliteStore } from '../../../src/store/sqliteStore';
import type { Store } from '../../../src/store/store';
import { makeServices } from '../../helpers/services';
import { FakeDiscord } from './fakeDiscord';

export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const OTHER_CHANNEL_ID = '300000000000000002';

export interface Harness {
  fake: FakeDiscord;
  store: Store;
  services: CommandServices;
  runner: CommandRunner;
  adapter: DiscordAdapter;
  close(): Promise<void>;
}

export interface HarnessOptions {
  services?: Partial<CommandServices>;
  maxRateLimitWaitMs?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start();
  fake.addGuild({ id: GUILD_ID, name: 'Coalition watchers', channels: [{ id: CHANNEL_ID, type: 0, name: 'news' }, { id: OTHER_CHANNEL_ID, type: 0, name: 'digests' }] });
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const services = makeServices(store, options.services);
  services.corpus(); // load the articles now, not inside the first test
  const runner = new CommandRunner(services);
  const adapter = new DiscordAdapter({ token: 'fake-token', runner, restApi: fake.api, maxRateLimitWaitMs: options.maxRateLimitWaitMs });
  try {
    await adapter.start();
  } catch (e) {
    await fake.close();
    await store.close();
    throw e;
  }
  return {
    fake,
    store,
    services,
    runner,
    adapter,
    async close() {
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}
