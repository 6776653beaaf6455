import { InvalidArgumentError } from 'commander';
import { parsePartialDate } from '../core/articles/partialDate';
import type { Language, PartialDate } from '../core/types';

/** Where a command writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export function parseDateOption(value: string): PartialDate {
  const date = parsePartialDate(value);
  if (!date) throw new InvalidArgumentError(`"${value}" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD.`);
  return date;
}

export function parseLanguageOption(value: string): Language {
  if (value !== 'en' && value !== 'ar') throw new InvalidArgumentError(`"${value}" is not a language: expected en or ar.`);
  return value;
}

export function parseCountOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new InvalidArgumentError(`"${value}" is not a count: expected a whole number from 1 to 10000.`);
  return n;
}
