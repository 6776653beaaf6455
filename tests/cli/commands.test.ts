import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildProgram } from '../../src/cli';
import { captureIo } from '../helpers/io';

const ROOT = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared');
const SEEDS = path.join(SHARED, 'seeds');


async function run(argv: string[]) {
  const io = captureIo();
  await buildProgram(io, { embedded: true }).parseAsync(argv, { from: 'user' });
  return io;
}

describe('coalition extract', () => {
  it('prints one JSON object per quote with the documented keys and exact offsets', async () => {
    const file = path.join(SEEDS, '002_214abf9375eada4f.txt');
    const io = await run(['extract', '--json', file]);
    const text = fs.readFileSync(file, 'utf8');
    expect(io.outLines.length).toBeGreaterThan(5);
    for (const line of io.outLines) {
      const o = JSON.parse(line);
      expect(Object.keys(o).sort()).toEqual(['article', 'confidence', 'end', 'kind', 'mention', 'quote', 'speaker', 'start'].sort());
      expect(o.article).toBe('002_214abf9375eada4f.txt');
      expect(text.slice(o.start, o.end)).toBe(o.quote);
      expect(['direct', 'partial', 'indirect']).toContain(o.kind);
    }
  });

  it('reports an unreadable file and still extracts the others', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-'));
    const bad = path.join(dir, 'empty.txt');
    fs.writeFileSync(bad, '');
    const io = await run(['extract', '--json', bad, path.join(SEEDS, '001_c429ba9189c3db3c.txt')]);
    expect(io.errLines.join('\n')).toMatch(/empty\.txt/);
    expect(io.outLines.length).toBeGreaterThan(0);
    expect(io.code).toBe(1);
  });
});

describe('coalition eval', () => {
  it('prints the same figures line as the referee score.py', async () => {
    const gold = path.join(SHARED, 'eval', 'seed-quotes.jsonl');
    const io = await run(['eval', gold]);
    const ours = io.outLines.at(-1);
    const extracted = await run(['extract', '--json', ...fs.readdirSync(SEEDS).map((f) => path.join(SEEDS, f))]);
    const pred = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eval-')), 'pred.jsonl');
    fs.writeFileSync(pred, extracted.outLines.join('\n'));
    const referee = execFileSync('python3', [path.join(SHARED, 'eval', 'score.py'), gold, pred], { encoding: 'utf8' }).trim().split('\n').at(-1);
    expect(ours).toBe(referee);
  });

  it('explains a gold file it cannot use', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gold-')), 'gold.jsonl');
    fs.writeFileSync(file, '{"article": "missing.txt", "quote": "x", "kind": "direct"}\nnot json\n');
    const io = await run(['eval', file]);
    expect(io.errLines.join('\n')).toMatch(/gold\.jsonl:2: not a JSON object/);
    expect(io.code).toBe(1);
  });
});

describe('coalition quotes and speakers (stored content)', () => {
  const content = path.join(ROOT, 'content');

  it('finds a speaker by a misspelling and answers as JSON', async () => {
    const io = await run(['quotes', '--speaker', 'Kagens', '--content', content, '--json']);
    const o = JSON.parse(io.outLines[0]);
    expect(o.total).toBeGreaterThan(0);
    expect(new Set(o.quotes.map((q: { speaker: string }) => q.speaker))).toEqual(new Set(['Myles B. Caggins III']));
  });

  it('filters by language, date and words', async () => {
    const ar = JSON.parse((await run(['quotes', '--lang', 'ar', '--content', content, '--json'])).outLines[0]);
    expect(ar.quotes.every((q: { language: string }) => q.language === 'ar')).toBe(true);
    const y2019 = JSON.parse((await run(['quotes', '--since', '2019', '--until', '2019-12', '--content', content, '--json'])).outLines[0]);
    expect(y2019.quotes.every((q: { speaker: string }) => q.speaker === 'Paul LaCamera')).toBe(true);
    const sheep = JSON.parse((await run(['quotes', '--search', 'sheep', '--content', content, '--json'])).outLines[0]);
    expect(sheep.total).toBe(1);
  });

  it('says who it could not find, with suggestions, and exits 1', async () => {
    const io = await run(['quotes', '--speaker', 'Cagins Myless', '--content', content]);
    expect(io.code).toBe(0);
    const miss = await run(['quotes', '--speaker', 'Zzyzx Qwerty', '--content', content]);
    expect(miss.errLines[0]).toMatch(/no speaker matches 'Zzyzx Qwerty'/);
    expect(miss.code).toBe(1);
  });

  it('shows a profile with aliases and the quote count', async () => {
    const io = await run(['speaker', 'كوبسي', '--content', content, '--json']);
    const p = JSON.parse(io.outLines[0]);
    expect(p.name).toBe('Kevin Copsey');
    expect(p.quotes).toBeGreaterThanOrEqual(8);
    expect(p.aliases.ar).toContain('كيفين كوبسي');
  });

  it('rejects a bad date with a message that says what was expected', async () => {
    await expect(run(['quotes', '--since', '2020-13', '--content', content])).rejects.toThrow(/expected YYYY, YYYY-MM or YYYY-MM-DD/);
  });
});

describe('the coalition binary', () => {
  it('`coalition start` with piped input answers and exits 0 at end of input', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
    const out = execFileSync('node', [path.join(ROOT, 'bin', 'coalition.js'), 'start'], {
      cwd: ROOT,
      input: '/coalition quotes speaker:Kagens limit:1\n',
      encoding: 'utf8',
      env: { ...process.env, SQLITE_PATH: path.join(dir, 'bot.db') },
    });
    expect(out).toMatch(/Myles B\. Caggins III/);
    expect(fs.existsSync(path.join(dir, 'bot.db'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('`coalition --help` lists the commands', () => {
    const out = execFileSync('node', [path.join(ROOT, 'bin', 'coalition.js'), '--help'], { encoding: 'utf8' });
    for (const c of ['quotes', 'speakers', 'ingest', 'extract', 'eval', 'start']) expect(out).toContain(c);
  });
});
