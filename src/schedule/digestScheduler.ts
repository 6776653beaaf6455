/**
 * Fires every active subscription on its cron schedule, in its own timezone (node-cron), and
 * hands each fire to deliverSlot. Several instances may run against one store: the ledger's
 * claims decide who posts. At start-up a subscription that missed fires while the bot was
 * down runs once (not once per missed fire) if the last missed slot is within the catch-up
 * window. Due retries and expired claims are picked up by a periodic sweep, which also
 * notices subscriptions added or removed by other instances.
 */
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Subscription } from '../store/store';
import { deliverSlot, type DeliveryDeps, type DeliveryResult } from './digestDelivery';
import { minuteFloor, SlotMatcher } from './slots';

export interface SchedulerOptions extends DeliveryDeps {
  /** A missed slot older than this is skipped at start-up (default 6 hours). */
  catchUpMs?: number;
  /** How often retries are swept and subscriptions re-read (default 30 s). */
  sweepMs?: number;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

interface Scheduled {
  key: string;
  sub: Subscription;
  task: ReturnType<typeof cron.schedule>;
  matcher: SlotMatcher;
}

export class DigestScheduler {
  private readonly scheduled = new Map<string, Scheduled>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;
  /** Outcomes, for /metrics. */
  readonly counts: Record<DeliveryResult, number> = { taken: 0, delivered: 0, empty: 0, retrying: 0, failed: 0 };

  constructor(private readonly options: SchedulerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.sync();
    await this.catchUp();
    this.sweepTimer = setInterval(() => {
      // A slow store must not pile sweeps up behind each other.
      if (this.sweeping) return;
      this.sweeping = this.track(this.sweep()).finally(() => {
        this.sweeping = null;
      });
    }, this.options.sweepMs ?? 30_000);
  }

  /** Re-reads subscriptions: new ones get a cron task, removed or paused ones lose theirs. */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const subs = await this.options.store.listSubscriptions();
    const keep = new Set<string>();
    for (const sub of subs) {
      if (sub.status !== 'active') continue;
      const key = `${sub.id}|${sub.cron}|${sub.timezone}`;
      keep.add(sub.id);
      const known = this.scheduled.get(sub.id);
      if (known?.key === key) {
        known.sub = sub;
        continue;
      }
      if (known) this.unschedule(sub.id);
      const entry: Scheduled = {
        key,
        sub,
        matcher: new SlotMatcher(sub.cron, sub.timezone),
        task: cron.schedule(
          sub.cron,
          (ctx) => {
            const current = this.scheduled.get(sub.id)?.sub ?? sub;
            this.fire(current, minuteFloor(ctx.date ?? this.options.now()));
          },
          // A busy event loop (a corpus reload, a big digest) may make a fire late: run it
          // anyway, up to a minute late, and hand anything later to the missed handler below.
          { timezone: sub.timezone, name: `digest:${sub.id}`, noOverlap: false, missedExecutionTolerance: 59_000 },
        ),
      };
      entry.task.on('execution:missed', (ctx) => {
        const current = this.scheduled.get(sub.id)?.sub ?? sub;
        this.options.log?.warn({ subscription: sub.id, slot: ctx.date }, 'a scheduled fire was late: delivering it now');
        void this.fire(current, minuteFloor(ctx.date));
      });
      this.scheduled.set(sub.id, entry);
    }
    for (const id of [...this.scheduled.keys()]) if (!keep.has(id)) this.unschedule(id);
  }

  private unschedule(id: string): void {
    const s = this.scheduled.get(id);
    if (!s) return;
    void s.task.destroy();
    s.matcher.destroy();
    this.scheduled.delete(id);
  }

  nextRun(sub: Subscription): Date | null {
    if (sub.status !== 'active') return null;
    const running = this.scheduled.get(sub.id);
    if (running && running.key === `${sub.id}|${sub.cron}|${sub.timezone}`) return running.task.getNextRun();
    const matcher = new SlotMatcher(sub.cron, sub.timezone);
    try {
      return matcher.nextSlot(this.options.now());
    } finally {
      matcher.destroy();
    }
  }

  /** Delivers one slot; concurrent work is tracked so stop() can wait for it. */
  fire(sub: Subscription, slot: Date): Promise<DeliveryResult | null> {
    if (this.stopped) return Promise.resolve(null);
    return this.track(
      deliverSlot(sub, slot, this.options).then(
        (result) => {
          this.counts[result]++;
          return result;
        },
        (e: unknown) => {
          // A store outage: the slot stays unclaimed or its lease runs out, and a sweep retries it.
          this.options.log?.error({ err: e, subscription: sub.id, slot }, 'scheduled delivery failed');
          return null;
        },
      ),
    );
  }

  /** Missed while down: the newest missed slot of each subscription, once. */
  async catchUp(): Promise<void> {
    const now = this.options.now();
    const window = this.options.catchUpMs ?? 6 * 3_600_000;
    for (const { sub, matcher } of this.scheduled.values()) {
      const last = await this.options.store.recentDeliveries(sub.id, 1);
      // A new subscription starts from its creation: no digest of the whole archive.
      const after = new Date(Math.max(sub.createdAt.getTime(), last[0]?.slot.getTime() ?? 0));
      const missed = matcher.lastSlot(now, after, window);
      // The current minute's slot belongs to its cron task, which fires it itself.
      if (missed && missed.getTime() < minuteFloor(now).getTime()) {
        this.options.log?.info({ subscription: sub.id, slot: missed }, 'catching up a missed digest');
        void this.fire(sub, missed);
      }
    }
  }

  /** Retries that are due, claims whose owner died, and subscriptions changed elsewhere. */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.sync();
      const due = await this.options.store.dueRetries(this.options.now());
      for (const d of due) {
        const sub = this.scheduled.get(d.subscriptionId)?.sub;
        if (sub) void this.fire(sub, d.slot);
      }
    } catch (e) {
      this.options.log?.warn({ err: e }, 'scheduler sweep failed; trying again at the next one');
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /** Resolves when no delivery is in progress. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops firing and waits for deliveries in progress, so none is left half-recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    for (const id of [...this.scheduled.keys()]) this.unschedule(id);
    await this.idle();
  }
}
