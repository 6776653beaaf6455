import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../../src/cli';
import { captureIo } from '../helpers/io';

const CONTENT = path.resolve(__dirname, '..', '..', 'content');

async function run(argv: string[]) {
  const io = captureIo();
  const program = buildProgram(io, { embedded: true });
  await program.parseAsync(['card', ...argv, '--content', CONTENT], { from: 'user' });
  return io;
}

function pngSize(file: string): [number, number] {
  const png = fs.readFileSync(file);
  expect(png.toString('latin1', 1, 4)).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('coalition card', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the card of a quote id and prints the path', async () => {
    const out = path.join(dir, 'q.png');
    const io = await run(['2020-11-24-6de7699f:1861', '--out', out]);
    expect(io.errLines).toEqual([]);
    expect(io.code).toBe(0);
    expect(io.outLines).toEqual([out]);
    expect(pngSize(out)).toEqual([1200, 675]);
  });

  it('draws a speaker\'s latest matching quote, in either script', async () => {
    const out = path.join(dir, 'speaker.png');
    const io = await run(['--speaker', 'كوبسي', '--search', 'Turkish', '--out', out]);
    expect(io.errLines).toEqual([]);
    expect(io.outLines).toEqual([out]);
    expect(pngSize(out)).toEqual([1200, 675]);
  });

  it('reports an unknown id, an unknown speaker, no matching quote and an unwritable path', async () => {
    let io = await run(['nope:1', '--out', path.join(dir, 'x.png')]);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/no quote with id 'nope:1'/);

    io = await run(['--speaker', 'Zzyzx Qwertyuiop', '--out', path.join(dir, 'x.png')]);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/no speaker matches/);

    io = await run(['--speaker', 'Copsey', '--search', 'zebras', '--out', path.join(dir, 'x.png')]);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/no quotes by Kevin Copsey matching 'zebras'/);

    io = await run(['2020-11-24-6de7699f:1861', '--out', path.join(dir, 'missing', 'x.png')]);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/cannot write .*does not exist/);

    io = await run(['2020-11-24-6de7699f:1861', '--out', dir]);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/is a directory/);

    io = await run(['--out', path.join(dir, 'x.png')]);
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/give a quote id/);
    expect(fs.existsSync(path.join(dir, 'x.png'))).toBe(false);
  });
});
