/**
 * One scheduled digest, delivered exactly once: claim the slot in the ledger, build the digest
 * of what arrived since the subscription's last completed delivery, post it, record the
 * outcome. A rate limit or outage is retried with backoff; a permanent failure (channel gone,
 * no permission) pauses the subscription and says why.
 */
import type { Logger } from 'pino';
import { buildDigest, type DigestSource } from '../core/digest/buildDigest';
import { tokens } from '../core/text/normalize';
import type { Article } from '../core/types';
import type { Reply } from '../commands/reply';
import { DeliveryError, type PlatformAdapter } from '../platforms/adapter';
import type { Delivery, Platform, Store, Subscription } from '../store/store';

export interface ArrivalSource {
  arrivedBetween(start: Date, end: Date): DigestSource;
}

export interface DeliveryDeps {
  store: Store;
  articles: ArrivalSource;
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  /** This instance, as recorded in the ledger's claims. */
  owner: string;
  now(): Date;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How long a claim protects a delivery in progress before another instance may take it over. */
  leaseMs: number;
  /** Attempts before a transiently failing delivery is given up. */
  maxAttempts: number;
  /** Wait before retry number `attempt` (1-based). */
  backoffMs(attempt: number): number;
}

export type DeliveryResult = 'taken' | 'delivered' | 'empty' | 'retrying' | 'failed';

export function defaultBackoffMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** (attempt - 1));
}

/** Keeps the articles containing every keyword (folded like searches are). */
function withKeywords(source: DigestSource, keywords: string | null): DigestSource {
  if (!keywords) return source;
  const wanted = tokens(keywords);
  if (!wanted.length) return source;
  return {
    articleQuotes: source.articleQuotes,
    articles: (): Article[] =>
      source.articles().filter((a) => {
        const have = new Set(tokens(`${a.title}\n${a.body}`));
        return wanted.every((w) => have.has(w));
      }),
  };
}

/** The reply a subscription's window gives, or null when there is nothing to post. */
export function digestReply(sub: Subscription, source: DigestSource, windowStart: Date, windowEnd: Date): Reply | null {
  const digest = buildDigest(withKeywords(source, sub.keywords), {
    lang: sub.language,
    speakerId: sub.speakerId ?? undefined,
    maxStories: 5,
  });
  const span = `${windowStart.toISOString().slice(0, 16).replace('T', ' ')} – ${windowEnd.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (digest.stories.length) return { kind: 'digest', heading: `Digest ${sub.id}: reported ${span}`, digest };
  if (!sub.allQuiet) return null;
  return { kind: 'notice', title: `All quiet (${sub.id})`, lines: [`Nothing new was reported ${span}.`] };
}

export async function deliverSlot(sub: Subscription, slot: Date, deps: DeliveryDeps): Promise<DeliveryResult> {
  const { store, owner, log } = deps;
  const claim = await store.claimDelivery(sub.id, slot, owner, deps.now(), deps.leaseMs);
  if (!claim) return 'taken';
  const finish = async (outcome: Parameters<Store['finishDelivery']>[3]): Promise<void> => {
    const ok = await store.finishDelivery(sub.id, slot, owner, outcome, deps.now());
    if (!ok) log?.warn({ subscription: sub.id, slot }, 'lost the claim on a delivery before recording it');
  };
  const last = await store.lastCompletedDelivery(sub.id);
  const windowStart = last?.windowEnd ?? sub.createdAt;
  const windowEnd = slot.getTime() > windowStart.getTime() ? slot : windowStart;
  const adapter = deps.adapters.get(sub.platform);
  if (!adapter) {
    // This instance cannot reach the platform (no token here): another instance may.
    await finish({ status: 'retrying', retryAt: new Date(deps.now().getTime() + deps.backoffMs(claim.attempts)), error: `no ${sub.platform} connection on ${owner}`, windowStart, windowEnd });
    return 'retrying';
  }
  let reply: Reply | null;
  try {
    reply = digestReply(sub, deps.articles.arrivedBetween(windowStart, windowEnd), windowStart, windowEnd);
  } catch (e) {
    log?.error({ err: e, subscription: sub.id }, 'building a scheduled digest failed');
    await finish({ status: 'retrying', retryAt: new Date(deps.now().getTime() + deps.backoffMs(claim.attempts)), error: `digest failed: ${(e as Error).message}`, windowStart, windowEnd });
    return 'retrying';
  }
  if (!reply) {
    await finish({ status: 'empty', windowStart, windowEnd });
    return 'empty';
  }
  try {
    const posted = await adapter.post(sub.channelId, reply, { idempotencyKey: `${sub.id}@${slot.getTime()}` });
    await finish({ status: 'delivered', windowStart, windowEnd, messageRef: posted.messageRef });
    log?.info({ subscription: sub.id, slot, channel: sub.channelId }, 'digest delivered');
    return 'delivered';
  } catch (e) {
    return failed(e, sub, slot, claim, { windowStart, windowEnd }, deps, finish);
  }
}

async function failed(
  e: unknown,
  sub: Subscription,
  slot: Date,
  claim: Delivery,
  window: { windowStart: Date; windowEnd: Date },
  deps: DeliveryDeps,
  finish: (outcome: Parameters<Store['finishDelivery']>[3]) => Promise<void>,
): Promise<DeliveryResult> {
  const reason = e instanceof Error ? e.message : String(e);
  const permanent = e instanceof DeliveryError && e.permanent;
  if (permanent) {
    await finish({ status: 'failed', error: reason, ...window });
    await deps.store.setSubscriptionStatus(sub.id, 'paused', reason);
    deps.log?.warn({ subscription: sub.id, slot, reason }, 'delivery failed permanently: subscription paused');
    return 'failed';
  }
  if (claim.attempts >= deps.maxAttempts) {
    await finish({ status: 'failed', error: `gave up after ${claim.attempts} attempts: ${reason}`, ...window });
    deps.log?.warn({ subscription: sub.id, slot, reason }, 'delivery failed: gave up');
    return 'failed';
  }
  const wait = Math.max(deps.backoffMs(claim.attempts), e instanceof DeliveryError ? (e.retryAfterMs ?? 0) : 0);
  await finish({ status: 'retrying', retryAt: new Date(deps.now().getTime() + wait), error: reason, ...window });
  deps.log?.warn({ subscription: sub.id, slot, reason, retryInMs: wait }, 'delivery failed: will retry');
  return 'retrying';
}
