import { Command, InvalidArgumentError, Option } from 'commander';
import { ingestFiles, type IngestResult } from '../core/articles/ingest';
import { DEFAULT_OUTLET_RULES_PATH, loadOutletRules, type OutletRules } from '../core/articles/outletRules';
import { DEFAULT_MAX_INPUT_BYTES } from '../core/articles/readTextInput';
import type { Language, PartialDate } from '../core/types';
import { parseDateOption, parseLanguageOption, processIo, type CliIo } from './io';

/** CliIo plus what progress reporting needs: whether stderr is a terminal, and a clock. */
export interface IngestIo extends CliIo {
  errIsTTY: boolean;
  now(): number;
}

const processIngestIo: IngestIo = {
  ...processIo,
  get errIsTTY() {
    return Boolean(process.stderr.isTTY);
  },
  now: () => Date.now(),
};

// Progress goes to stderr for batches this big (or any batch on a terminal), this often.
const BIG_BATCH = 100;
const PROGRESS_EVERY_FILES = 100;
const PROGRESS_EVERY_MS = 1000;

interface IngestCliOptions {
  content: string;
  outlets: string;
  outlet?: string;
  date?: PartialDate;
  lang?: Language;
  url?: string;
  maxSize: number;
  dryRun?: boolean;
  json?: boolean;
}

function parseUrlOption(value: string): string {
  if (!/^https?:\/\/[^\s/]+/i.test(value)) throw new InvalidArgumentError('expected an http(s) address.');
  return value;
}

function parseSizeOption(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new InvalidArgumentError('expected a size in MB, e.g. 5.');
  return Math.round(mb * 1024 * 1024);
}

function describe(result: IngestResult): string {
  switch (result.status) {
    case 'stored':
      return `stored   ${result.path} -> ${result.storedPath}`;
    case 'skipped':
      return `skipped  ${result.path}: ${result.reason}`;
    case 'error':
      return `error    ${result.message}`;
  }
}

function toJson(result: IngestResult): Record<string, unknown> {
  switch (result.status) {
    case 'stored': {
      const { id, title, outlet, published, language, url } = result.article;
      return { path: result.path, status: 'stored', id, stored: result.storedPath, title, outlet, published: published?.value, language, url };
    }
    case 'skipped':
      return { path: result.path, status: 'skipped', id: result.id, stored: result.storedPath, reason: result.reason };
    case 'error':
      return { path: result.path, status: 'error', message: result.message };
  }
}

/** Adds `coalition ingest PATH...`: raw article text (or stored articles) into the content directory. */
export function registerIngest(program: Command, io: IngestIo = processIngestIo): Command {
  return program
    .command('ingest')
    .description('Store article files in the content directory: infer title, outlet, date and language from raw text and strip site clutter. Directories are searched for .txt and .md files.')
    .argument('<paths...>', 'article files or directories')
    .option('--content <dir>', 'content directory', 'content')
    .addOption(new Option('--outlets <file>', 'outlet and site-clutter rules').default(DEFAULT_OUTLET_RULES_PATH, 'config/outlets.yaml'))
    .option('--outlet <name>', 'outlet name for raw files (instead of the inferred one)')
    .option('--date <date>', 'publication date for raw files: YYYY, YYYY-MM or YYYY-MM-DD', parseDateOption)
    .option('--lang <language>', 'language of raw files, en or ar (instead of detecting it)', parseLanguageOption)
    .option('--url <url>', 'source address for raw files', parseUrlOption)
    .addOption(new Option('--max-size <MB>', 'refuse files larger than this').argParser(parseSizeOption).default(DEFAULT_MAX_INPUT_BYTES, '5'))
    .option('--dry-run', 'show what would be stored without writing anything')
    .option('--json', 'one JSON object per file, then a summary object')
    .action(async (paths: string[], opts: IngestCliOptions) => {
      let rules: OutletRules;
      try {
        rules = loadOutletRules(opts.outlets);
      } catch (e) {
        io.err(`coalition ingest: ${(e as Error).message}`);
        io.setExitCode(2);
        return;
      }

      const started = io.now();
      let lastProgress = started;
      let report;
      try {
        report = await ingestFiles(paths, {
        contentDir: opts.content,
        rules,
        overrides: { outlet: opts.outlet, published: opts.date, language: opts.lang, url: opts.url },
        dryRun: opts.dryRun,
        maxBytes: opts.maxSize,
        onProgress: (done, total, _path, result) => {
          io.out(opts.json ? JSON.stringify(toJson(result)) : describe(result));
          if (done === total || !(io.errIsTTY || total >= BIG_BATCH)) return;
          const now = io.now();
          if (done % PROGRESS_EVERY_FILES === 0 || now - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = now;
            const seconds = (now - started) / 1000;
            io.err(`ingest: ${done}/${total} files (${Math.floor((done / total) * 100)}%), ${seconds.toFixed(1)} s`);
          }
        },
        });
      } catch (e) {
        // Only batch-wide problems get here (an unreadable content directory); file problems are per file.
        io.err(`coalition ingest: ${(e as Error).message}`);
        io.setExitCode(2);
        return;
      }

      const total = report.results.length;
      if (opts.json) {
        io.out(JSON.stringify({ summary: { files: total, stored: report.stored, skipped: report.skipped, failed: report.failed, dryRun: report.dryRun } }));
      } else {
        const verb = report.dryRun ? 'would be stored' : 'stored';
        io.out(`${total} file${total === 1 ? '' : 's'}: ${report.stored} ${verb}, ${report.skipped} skipped, ${report.failed} failed${report.dryRun ? ' (dry run: nothing written)' : ''}`);
      }
      if (report.failed > 0) io.setExitCode(1);
    });
}
