import type { PartialDate } from '../types';

// Sources rarely run past this range; anything outside is a misread number, not a date.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Builds a PartialDate from its parts, or undefined when the parts do not make a real
 * calendar date (31 February, month 13, year 0042).
 */
export function makePartialDate(year: number, month?: number, day?: number): PartialDate | undefined {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (month === undefined) return { value: String(year), precision: 'year' };
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined) return { value: `${year}-${pad(month)}`, precision: 'month' };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { value: `${year}-${pad(month)}-${pad(day)}`, precision: 'day' };
}

/** Reads `2020-03-06`, `2020-03` or `2020`; anything else (or an impossible date) is undefined. */
export function parsePartialDate(text: string): PartialDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  return makePartialDate(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
}
