import type { CommandSpec } from './command';
import { channelSubscription, isReply } from './channelSubscription';
import { errorReply, type Reply } from './reply';

/**
 * `/coalition resume`: restart a digest paused after a permanent delivery failure (channel
 * gone, missing permission), once the cause is fixed. Its next digest covers what arrived since
 * its last delivered one.
 */
export const resumeCommand: CommandSpec = {
  name: 'resume',
  description: 'Restart a paused scheduled digest of this channel (channel managers only).',
  access: 'channel-manager',
  options: [{ name: 'id', kind: 'text', description: 'The subscription id (see /coalition schedules)', required: true, takesFreeWords: true }],
  examples: ['/coalition resume id:s3'],
  async run(args, ctx): Promise<Reply> {
    const sub = await channelSubscription(String(args.id).trim(), ctx);
    if (isReply(sub)) return sub;
    if (sub.status !== 'paused') return errorReply(`subscription '${sub.id}' is not paused`);
    await ctx.services.store.setSubscriptionStatus(sub.id, 'active', null);
    await ctx.services.schedules.changed();
    const next = ctx.services.schedules.nextRun({ ...sub, status: 'active', pausedReason: null });
    return {
      kind: 'notice',
      title: `Resumed: ${sub.id}`,
      lines: [next ? `Next digest: ${next.toISOString().slice(0, 16).replace('T', ' ')}Z, with what arrived since the last one.` : 'It will post at its next scheduled time.'],
    };
  },
};
