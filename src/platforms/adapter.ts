/**
 * What the runtime needs from a platform door. Adapters are thin: platform events in, the
 * shared CommandRunner, platform messages out. Nothing about news lives in an adapter.
 */
import type { Reply } from '../commands/reply';
import type { Platform } from '../store/store';

export interface PostResult {
  /** The platform's id of the posted message. */
  messageRef: string;
}

/**
 * A failed post, classified so the scheduler knows what to do: retry later (rate limit,
 * outage) or pause the subscription (channel gone, no permission).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** Retrying cannot help: the subscription is paused and `schedules` says why. */
    readonly permanent: boolean,
    /** The platform asked us to wait this long (429 retry-after). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface PlatformAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stops taking events and closes connections; in-flight replies finish first. */
  stop(): Promise<void>;
  /**
   * Posts a scheduled reply (a digest, or an all-quiet notice) to a channel. The key is the
   * same for every attempt at one delivery, so platforms that deduplicate (Discord's nonce)
   * never show a retried post twice. Throws DeliveryError.
   */
  post(channelId: string, reply: Reply, options: { idempotencyKey: string }): Promise<PostResult>;
}
