/**
 * How users write schedules: presets ("daily", "daily 18:30", "weekly fri 08:00", "hourly")
 * or a five-field cron expression, read in an IANA timezone.
 */
import cron from 'node-cron';

export type ScheduleParse = { ok: true; cron: string; description: string } | { ok: false; error: string };

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function parseTime(text: string | undefined): { h: number; m: number } | null {
  if (text === undefined) return { h: 9, m: 0 };
  const t = /^(\d{1,2})(?::(\d{2}))?$/.exec(text);
  if (!t) return null;
  const h = Number(t[1]);
  const m = Number(t[2] ?? '0');
  return h < 24 && m < 60 ? { h, m } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function parseSchedule(input: string): ScheduleParse {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return { ok: false, error: 'schedule: needs a value, e.g. "daily 09:00", "weekly mon 08:00" or a cron expression' };
  const words = text.split(' ');
  if (words[0] === 'hourly' && words.length === 1) return { ok: true, cron: '0 * * * *', description: 'every hour' };
  if (words[0] === 'daily' && words.length <= 2) {
    const t = parseTime(words[1]);
    if (!t) return { ok: false, error: `schedule: "${words[1]}" is not a time of day: expected HH:MM (24-hour)` };
    return { ok: true, cron: `${t.m} ${t.h} * * *`, description: `daily at ${pad(t.h)}:${pad(t.m)}` };
  }
  if (words[0] === 'weekly' && words.length <= 3) {
    const day = words[1] === undefined ? 1 : DAYS.indexOf(words[1].slice(0, 3));
    if (day < 0) return { ok: false, error: `schedule: "${words[1]}" is not a day: expected mon, tue, wed, thu, fri, sat or sun` };
    const t = parseTime(words[2]);
    if (!t) return { ok: false, error: `schedule: "${words[2]}" is not a time of day: expected HH:MM (24-hour)` };
    return { ok: true, cron: `${t.m} ${t.h} * * ${day}`, description: `every ${DAY_NAMES[day]} at ${pad(t.h)}:${pad(t.m)}` };
  }
  // Slots are whole minutes: the ledger keys a delivery by its minute, so no seconds field.
  if (words.length !== 5) return { ok: false, error: `schedule: "${input.trim()}" is neither a preset (hourly, daily HH:MM, weekly DAY HH:MM) nor a five-field cron expression` };
  if (!cron.validate(text)) return { ok: false, error: `schedule: "${input.trim()}" is not a valid cron expression (minute hour day-of-month month day-of-week)` };
  return { ok: true, cron: text, description: `cron ${text}` };
}

/** Describes a stored cron expression the way the user would have written it. */
export function describeCron(expr: string): string {
  const daily = /^(\d+) (\d+) \* \* \*$/.exec(expr);
  if (daily) return `daily at ${pad(Number(daily[2]))}:${pad(Number(daily[1]))}`;
  const weekly = /^(\d+) (\d+) \* \* ([0-6])$/.exec(expr);
  if (weekly) return `every ${DAY_NAMES[Number(weekly[3])]} at ${pad(Number(weekly[2]))}:${pad(Number(weekly[1]))}`;
  if (expr === '0 * * * *') return 'every hour';
  return `cron ${expr}`;
}

export function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
