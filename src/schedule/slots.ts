/** Scheduled times ("slots") of a cron expression in a timezone, to the minute. */
import cron from 'node-cron';

const MINUTE = 60_000;

export function minuteFloor(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
}

/** Matches dates against a cron expression read in a timezone (node-cron's own matcher). */
export class SlotMatcher {
  private readonly task: ReturnType<typeof cron.createTask>;

  constructor(expr: string, timezone: string) {
    // A task that is never started: only its matcher is used. destroy() unregisters it.
    this.task = cron.createTask(expr, () => undefined, { timezone, name: `matcher:${expr}:${timezone}` });
  }

  matches(date: Date): boolean {
    return this.task.match(minuteFloor(date));
  }

  /** The latest slot in (after, atOrBefore], looking back at most `lookbackMs`; null when none. */
  lastSlot(atOrBefore: Date, after: Date, lookbackMs: number): Date | null {
    const stop = Math.max(after.getTime(), atOrBefore.getTime() - lookbackMs);
    for (let t = minuteFloor(atOrBefore).getTime(); t > stop; t -= MINUTE) {
      if (this.task.match(new Date(t))) return new Date(t);
    }
    return null;
  }

  /**
   * The first slot strictly after `date` within `horizonMs` (a running task knows its next
   * run; this serves schedules that are not running here), else null.
   */
  nextSlot(date: Date, horizonMs = 8 * 86_400_000): Date | null {
    const start = minuteFloor(date).getTime() + MINUTE;
    for (let t = start; t < start + horizonMs; t += MINUTE) {
      if (this.task.match(new Date(t))) return new Date(t);
    }
    return null;
  }

  destroy(): void {
    void this.task.destroy();
  }
}
