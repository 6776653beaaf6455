import type { CommandContext } from './command';
import { errorReply, type Reply } from './reply';
import type { Subscription } from '../store/store';

/**
 * The subscription `id` of the caller's channel, or the error reply to give. Another channel's
 * subscription is reported as unknown: ids must not leak across channels.
 */
export async function channelSubscription(id: string, ctx: CommandContext): Promise<Subscription | Reply> {
  const { services, caller } = ctx;
  const sub = await services.store.getSubscription(id);
  if (sub && sub.platform === caller.platform && sub.channelId === caller.channelId) return sub;
  const here = await services.store.listSubscriptions({ platform: caller.platform, channelId: caller.channelId });
  return errorReply(`no subscription '${id}' in this channel${here.length ? ` (this channel has ${here.map((s) => s.id).join(', ')})` : ''}`);
}

export function isReply(value: Subscription | Reply): value is Reply {
  return 'kind' in value;
}
