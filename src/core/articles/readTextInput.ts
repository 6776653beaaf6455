import { open, stat } from 'node:fs/promises';

/** An input file that cannot be ingested as text; the message says why. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

export const DEFAULT_MAX_INPUT_BYTES = 5 * 1024 * 1024;

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

/** Offset of the first byte that breaks UTF-8, for an error message a user can act on. */
export function firstInvalidUtf8Offset(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= buf.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file that should hold article text, refusing what is not: a directory, an empty
 * file, one over `maxBytes` (checked before reading, so a huge file costs nothing), binary
 * data (NUL bytes) and invalid UTF-8. A byte-order mark is dropped.
 */
export async function readTextInput(path: string, maxBytes: number = DEFAULT_MAX_INPUT_BYTES): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`);
  }
  if (!info.isFile()) throw new InputFileError('not a regular file');
  if (info.size === 0) throw new InputFileError('empty file');
  if (info.size > maxBytes) throw new InputFileError(`file is ${describeSize(info.size)}, over the ${describeSize(maxBytes)} limit`);

  // Read at most maxBytes + 1 through a handle: the file may have grown since stat.
  const handle = await open(path, 'r');
  let buf: Buffer;
  try {
    const chunk = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, 0);
    if (bytesRead > maxBytes) throw new InputFileError(`file is over the ${describeSize(maxBytes)} limit`);
    buf = chunk.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (buf.length === 0) throw new InputFileError('empty file');
  const nul = buf.indexOf(0);
  if (nul !== -1) throw new InputFileError(`binary file (NUL byte at offset ${nul}), not text`);
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    throw new InputFileError(`invalid UTF-8 at byte ${firstInvalidUtf8Offset(buf)}: save the file as UTF-8`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputFileError('empty file (only white space)');
  return text;
}
