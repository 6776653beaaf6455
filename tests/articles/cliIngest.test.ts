import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerIngest, type IngestIo } from '../../src/cli/ingest';

const SEEDS = join(__dirname, 'fixtures', 'seeds');

let dir: string;
let content: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coalition-cli-'));
  content = join(dir, 'content');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `coalition ARGS` with captured output and a clock that advances `tick` ms per reading. */
async function run(args: string[], options: { errIsTTY?: boolean; tick?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  let clock = 0;
  const io: IngestIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    errIsTTY: options.errIsTTY ?? false,
    setExitCode: (code) => {
      exitCode = code;
    },
    now: () => (clock += options.tick ?? 0),
  };
  const program = new Command().name('coalition').exitOverride();
  program.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerIngest(program, io);
  await program.parseAsync(args, { from: 'user' });
  return { out, err, exitCode };
}

describe('coalition ingest', () => {
  it('prints one line per file and a summary; exit code 1 when a file failed', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const seed = join(SEEDS, '001_c429ba9189c3db3c.txt');
    const { out, exitCode } = await run(['ingest', seed, empty, '--content', content]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(new RegExp(`^stored +${seed} -> ${content}/2019-03-24-[0-9a-f]{8}\\.md$`));
    expect(out[1]).toBe(`error    ${empty}: empty file`);
    expect(out[2]).toBe('2 files: 1 stored, 0 skipped, 1 failed');
    expect(exitCode).toBe(1);
    expect(readdirSync(content)).toHaveLength(1);

    const again = await run(['ingest', seed, '--content', content]);
    expect(again.out[0]).toMatch(/^skipped {2}.*: already stored in .*\.md$/);
    expect(again.exitCode).toBe(0);
  });

  it('applies --outlet, --date, --lang and --url to raw files', async () => {
    const seed = join(SEEDS, '000_dcb17e56dfd716d4.txt');
    const { out } = await run(['ingest', seed, '--content', content, '--json', '--outlet', 'Hawar News Agency', '--date', '2020-03', '--lang', 'en', '--url', 'https://example.org/x']);
    const record = JSON.parse(out[0]);
    expect(record).toMatchObject({ status: 'stored', outlet: 'Hawar News Agency', published: '2020-03', language: 'en', url: 'https://example.org/x' });
    expect(record.id).toMatch(/^2020-03-[0-9a-f]{8}$/);
    expect(JSON.parse(out[1])).toEqual({ summary: { files: 1, stored: 1, skipped: 0, failed: 0, dryRun: false } });
  });

  it('writes nothing with --dry-run', async () => {
    const { out } = await run(['ingest', SEEDS, '--content', content, '--dry-run']);
    expect(out[out.length - 1]).toBe('5 files: 5 would be stored, 0 skipped, 0 failed (dry run: nothing written)');
    expect(() => readdirSync(content)).toThrow();
  });

  it('rejects a bad --date or --lang', async () => {
    await expect(run(['ingest', SEEDS, '--date', '2020-02-30'])).rejects.toThrow(/argument '2020-02-30' is invalid. "2020-02-30" is not a date/);
    await expect(run(['ingest', SEEDS, '--lang', 'fr'])).rejects.toThrow(/"fr" is not a language/);
  });

  it('reports a broken rules file and stops', async () => {
    const rules = join(dir, 'outlets.yaml');
    writeFileSync(rules, 'outlets:\n  - name: X\n    language: fr\n');
    const { err, exitCode } = await run(['ingest', SEEDS, '--outlets', rules, '--content', content]);
    expect(err[0]).toContain(`${rules}: outlets[0].language: unknown language "fr"`);
    expect(exitCode).toBe(2);
  });

  it('shows progress on a terminal about once a second', async () => {
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (const name of readdirSync(SEEDS)) copyFileSync(join(SEEDS, name), join(inbox, name));
    const quiet = await run(['ingest', inbox, '--content', content, '--dry-run'], { errIsTTY: false, tick: 600 });
    expect(quiet.err).toEqual([]);
    const { err } = await run(['ingest', inbox, '--content', content, '--dry-run'], { errIsTTY: true, tick: 600 });
    expect(err.length).toBeGreaterThan(0);
    expect(err.length).toBeLessThan(5);
    expect(err[0]).toMatch(/^ingest: \d\/5 files \(\d+%\), \d+\.\d s$/);
  });

  it('shows progress for a big batch even off a terminal', async () => {
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    for (let i = 0; i < 150; i++) writeFileSync(join(inbox, `${String(i).padStart(3, '0')}.txt`), `Headline number ${i} for the test\n\nThe coalition said on day ${i} that it will stay.`);
    const { err, out } = await run(['ingest', inbox, '--content', content, '--dry-run']);
    expect(out).toHaveLength(151);
    expect(err).toEqual([expect.stringMatching(/^ingest: 100\/150 files \(66%\)/)]);
  });
});
