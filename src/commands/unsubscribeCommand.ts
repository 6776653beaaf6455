import type { CommandSpec } from './command';
import { channelSubscription, isReply } from './channelSubscription';
import type { Reply } from './reply';

/** `/coalition unsubscribe`: stop one of this channel's scheduled digests. */
export const unsubscribeCommand: CommandSpec = {
  name: 'unsubscribe',
  description: 'Stop a scheduled digest of this channel (channel managers only).',
  access: 'channel-manager',
  options: [{ name: 'id', kind: 'text', description: 'The subscription id (see /coalition schedules)', required: true, takesFreeWords: true }],
  examples: ['/coalition unsubscribe id:s3'],
  async run(args, ctx): Promise<Reply> {
    const sub = await channelSubscription(String(args.id).trim(), ctx);
    if (isReply(sub)) return sub;
    await ctx.services.store.removeSubscription(sub.id);
    await ctx.services.schedules.changed();
    return { kind: 'notice', title: `Unsubscribed: ${sub.id}`, lines: ['No more scheduled digests from it.'] };
  },
};
