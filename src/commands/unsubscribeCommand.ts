import type { CommandSpec } from './command';
import { errorReply, type Reply } from './reply';

/** `/coalition unsubscribe`: stop one of this channel's scheduled digests. */
export const unsubscribeCommand: CommandSpec = {
  name: 'unsubscribe',
  description: 'Stop a scheduled digest of this channel (channel managers only).',
  access: 'channel-manager',
  options: [{ name: 'id', kind: 'text', description: 'The subscription id (see /coalition schedules)', required: true, takesFreeWords: true }],
  examples: ['/coalition unsubscribe id:s3'],
  async run(args, ctx): Promise<Reply> {
    const { services, caller } = ctx;
    const id = String(args.id).trim();
    const sub = await services.store.getSubscription(id);
    // Another channel's subscription is reported as unknown: ids must not leak across channels.
    if (!sub || sub.platform !== caller.platform || sub.channelId !== caller.channelId) {
      const here = await services.store.listSubscriptions({ platform: caller.platform, channelId: caller.channelId });
      return errorReply(`no subscription '${id}' in this channel${here.length ? ` (this channel has ${here.map((s) => s.id).join(', ')})` : ''}`);
    }
    await services.store.removeSubscription(id);
    await services.schedules.changed();
    return { kind: 'notice', title: `Unsubscribed: ${id}`, lines: ['No more scheduled digests from it.'] };
  },
};
