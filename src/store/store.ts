/**
 * The Store: what the bot must remember across restarts and share between replicas —
 * subscriptions, the delivery ledger, and the processed corpus (extraction results keyed by
 * the article's content hash, so a restart does not re-extract unchanged articles).
 *
 * Two implementations pass the same contract tests (tests/store/contract.ts): SQLite (the
 * default, a file under data/) and PostgreSQL (DATABASE_URL). Every method is async so the
 * runtime does not care which one it has.
 */
import type { Language } from '../core/types';

export type Platform = 'console' | 'discord' | 'slack';

export interface SubscriptionInput {
  platform: Platform;
  /** Where digests are posted. */
  channelId: string;
  /** Discord guild / Slack team, when there is one. */
  workspaceId?: string | null;
  /** Who subscribed (platform user id). */
  createdBy: string;
  /** A five-field cron expression (presets are turned into one before they get here). */
  cron: string;
  /** IANA timezone the cron expression is read in. */
  timezone: string;
  language: Language;
  /** Only stories quoting this speaker (registry id). */
  speakerId?: string | null;
  /** Only stories containing these words. */
  keywords?: string | null;
  /** Post a short "all quiet" note when nothing new was reported. */
  allQuiet?: boolean;
}

export interface Subscription extends Required<Omit<SubscriptionInput, 'workspaceId' | 'speakerId' | 'keywords'>> {
  /** Short, human-typable id ("s7"), unique per store. */
  id: string;
  workspaceId: string | null;
  speakerId: string | null;
  keywords: string | null;
  status: 'active' | 'paused';
  /** Why a subscription was paused ("channel not found"), shown by `schedules`. */
  pausedReason: string | null;
  createdAt: Date;
}

export type DeliveryStatus =
  /** Taken by a runtime instance that is posting it now (or died while doing so: see leaseUntil). */
  | 'claimed'
  /** Posted. */
  | 'delivered'
  /** Nothing new in the window and no all-quiet note wanted: nothing posted, window consumed. */
  | 'empty'
  /** A transient failure; retried at retryAt. */
  | 'retrying'
  /** Gave up: a permanent platform error (the subscription is paused) or too many attempts. */
  | 'failed';

/** One scheduled fire of one subscription: the ledger's row, keyed by (subscriptionId, slot). */
export interface Delivery {
  subscriptionId: string;
  /** The scheduled time this delivery is for (not when it ran). */
  slot: Date;
  status: DeliveryStatus;
  attempts: number;
  /** The runtime instance holding the claim. */
  owner: string;
  /** A claim whose lease has passed belongs to a dead instance and may be taken over. */
  leaseUntil: Date;
  /** The digest window this delivery covers: [windowStart, windowEnd). */
  windowStart: Date | null;
  windowEnd: Date | null;
  retryAt: Date | null;
  /** The platform's reason for the last failure. */
  error: string | null;
  /** The platform's id of the posted message. */
  messageRef: string | null;
  updatedAt: Date;
}

export interface DeliveryOutcome {
  status: Exclude<DeliveryStatus, 'claimed'>;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  retryAt?: Date | null;
  error?: string | null;
  messageRef?: string | null;
}

/** Extraction results for one article version, as JSON the corpus loader can rebuild from. */
export interface ProcessedRecord {
  /** sha256 of the article file's bytes (plus the extractor version, see runtime). */
  hash: string;
  articleId: string;
  /** Serialised ProcessedArticle (article + quotes + speakers it learned). */
  payload: string;
}

export interface Store {
  /** Which implementation ("sqlite" or "postgres"), for logs and /metrics. */
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap liveness check for /healthz; throws when the database is unreachable or the store closed. */
  ping(): Promise<void>;

  addSubscription(input: SubscriptionInput, now: Date): Promise<Subscription>;
  getSubscription(id: string): Promise<Subscription | null>;
  /** All subscriptions, or those of one channel; ordered by creation. */
  listSubscriptions(filter?: { platform?: Platform; channelId?: string }): Promise<Subscription[]>;
  /** Removes a subscription and its ledger rows; false when there was none. */
  removeSubscription(id: string): Promise<boolean>;
  /** Pauses (with the reason) or resumes (the reason is cleared); an unknown id is ignored. */
  setSubscriptionStatus(id: string, status: Subscription['status'], reason: string | null): Promise<void>;

  /**
   * Takes the slot (subscription, scheduled time) for `owner`, insert-if-absent: returns the
   * delivery when this caller now holds it — a fresh row, a row in 'retrying' whose retryAt
   * has come, or a 'claimed' row whose lease has expired (its owner died) — and null when
   * another instance holds it or it is finished. attempts is incremented on every claim.
   * The holder itself gets null too until its lease expires. Times compare with `now`, never
   * the database clock; a lease ends at now + leaseMs. Rejects for an unknown subscription.
   */
  claimDelivery(subscriptionId: string, slot: Date, owner: string, now: Date, leaseMs: number): Promise<Delivery | null>;
  /**
   * Records the outcome of a claim held by `owner`; false when the claim was lost meanwhile
   * (or there is none). An outcome field left undefined keeps its stored value, null clears
   * it; 'retrying' needs retryAt.
   */
  finishDelivery(subscriptionId: string, slot: Date, owner: string, outcome: DeliveryOutcome, now: Date): Promise<boolean>;
  getDelivery(subscriptionId: string, slot: Date): Promise<Delivery | null>;
  /** Newest first. */
  recentDeliveries(subscriptionId: string, limit: number): Promise<Delivery[]>;
  /** The newest delivery whose status is 'delivered' or 'empty' (its windowEnd starts the next digest). */
  lastCompletedDelivery(subscriptionId: string): Promise<Delivery | null>;
  /** Deliveries in 'retrying' whose retryAt <= now, or 'claimed' with an expired lease; oldest slot first. */
  dueRetries(now: Date): Promise<Delivery[]>;

  /** The stored records among `hashes` (missing ones are simply absent from the map). */
  getProcessed(hashes: string[]): Promise<Map<string, ProcessedRecord>>;
  /** Inserts or replaces by hash; of duplicates in one call the last wins. */
  putProcessed(records: ProcessedRecord[]): Promise<void>;
  /** Drops records whose hash is not in `keep` (articles deleted or changed). Returns how many. */
  pruneProcessed(keep: Set<string>): Promise<number>;
}
