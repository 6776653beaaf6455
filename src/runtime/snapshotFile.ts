/**
 * A binary file holding one object whose typed arrays are stored as raw bytes and everything
 * else as JSON, so a large index is read back with one read and no parsing of its numbers.
 *
 * Layout: "COALSNAP" | u32 format | u32 header length | u32 crc32 of the rest | header JSON |
 * padding to 8 | segments, each 8-aligned. A typed array in the object (at any depth of plain
 * objects; arrays are not walked) becomes {"$seg": i, "$type": "Uint32Array"} in the header.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const MAGIC = Buffer.from('COALSNAP', 'latin1');
const FORMAT = 1;
const PREAMBLE = MAGIC.length + 12;

type Typed = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;
const TYPES: Record<string, { new (buffer: ArrayBufferLike, byteOffset: number, length: number): Typed; BYTES_PER_ELEMENT: number }> = {
  Uint8Array,
  Buffer: Uint8Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

export class SnapshotFormatError extends Error {}

interface Segment {
  $seg: number;
  $type: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
const pad8 = (n: number) => (n + 7) & ~7;

function extract(value: Record<string, unknown>, segments: Typed[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (ArrayBuffer.isView(v)) {
      const type = v.constructor.name;
      if (!TYPES[type]) throw new Error(`cannot store a ${type} in a snapshot`);
      out[key] = { $seg: segments.length, $type: type } satisfies Segment;
      segments.push(v as Typed);
    } else out[key] = isPlainObject(v) ? extract(v, segments) : v;
  }
  return out;
}

/** The file's bytes, as parts to write one after another. */
export function packSnapshot(value: Record<string, unknown>): Buffer[] {
  const segments: Typed[] = [];
  const tree = extract(value, segments);
  let offset = 0;
  const table: Array<[number, number]> = [];
  for (const s of segments) {
    table.push([offset, s.byteLength]);
    offset = pad8(offset + s.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ tree, table }), 'utf8');
  const parts: Buffer[] = [header, Buffer.alloc(pad8(PREAMBLE + header.length) - PREAMBLE - header.length)];
  for (const s of segments) {
    parts.push(Buffer.from(s.buffer, s.byteOffset, s.byteLength));
    parts.push(Buffer.alloc(pad8(s.byteLength) - s.byteLength));
  }
  let crc = 0;
  // Node 20's crc32 returns 0 for an empty buffer when the running value is above 2^31.
  for (const p of parts) if (p.length) crc = zlib.crc32(p, crc);
  const preamble = Buffer.alloc(PREAMBLE);
  MAGIC.copy(preamble);
  preamble.writeUInt32LE(FORMAT, MAGIC.length);
  preamble.writeUInt32LE(header.length, MAGIC.length + 4);
  preamble.writeUInt32LE(crc, MAGIC.length + 8);
  return [preamble, ...parts];
}

/** Reads a packed object back; typed arrays are views of `bytes`. */
export function unpackSnapshot(bytes: Buffer): Record<string, unknown> {
  if (bytes.length < PREAMBLE || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotFormatError('not a snapshot file');
  const format = bytes.readUInt32LE(MAGIC.length);
  if (format !== FORMAT) throw new SnapshotFormatError(`snapshot format ${format}, expected ${FORMAT}`);
  const headerLength = bytes.readUInt32LE(MAGIC.length + 4);
  if (zlib.crc32(bytes.subarray(PREAMBLE)) !== bytes.readUInt32LE(MAGIC.length + 8)) throw new SnapshotFormatError('snapshot checksum mismatch (truncated or damaged file)');
  // Views need their element alignment: copy in the rare case the read buffer is not 8-aligned.
  const data = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  const { tree, table } = JSON.parse(data.toString('utf8', PREAMBLE, PREAMBLE + headerLength)) as { tree: Record<string, unknown>; table: Array<[number, number]> };
  const dataStart = pad8(PREAMBLE + headerLength);
  const restore = (node: Record<string, unknown>): Record<string, unknown> => {
    for (const [key, v] of Object.entries(node)) {
      if (!isPlainObject(v)) continue;
      if (typeof v.$seg === 'number' && typeof v.$type === 'string') {
        const [offset, byteLength] = table[v.$seg] ?? [];
        const Type = TYPES[v.$type];
        if (offset === undefined || byteLength === undefined || !Type || dataStart + offset + byteLength > data.length) throw new SnapshotFormatError('snapshot segment out of range');
        const view = new Type(data.buffer, data.byteOffset + dataStart + offset, byteLength / Type.BYTES_PER_ELEMENT);
        node[key] = v.$type === 'Buffer' ? Buffer.from(view.buffer, view.byteOffset, view.byteLength) : view;
      } else restore(v);
    }
    return node;
  };
  return restore(tree);
}

/** Writes atomically: a reader sees the old file or the new one, never half of one. */
export async function writeSnapshotFile(file: string, value: Record<string, unknown>): Promise<number> {
  const parts = packSnapshot(value);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // One fixed name: a crash leaves at most one stray file, overwritten by the next save. Two
  // writers racing on it can only produce a file whose checksum fails, which is then ignored.
  const tmp = `${file}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    const { bytesWritten } = await handle.writev(parts);
    const expected = parts.reduce((n, p) => n + p.length, 0);
    if (bytesWritten !== expected) throw new Error(`short write: ${bytesWritten} of ${expected} bytes`);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  await fs.promises.rename(tmp, file);
  return parts.reduce((n, p) => n + p.length, 0);
}

/** The object in a snapshot file, or null when there is none. Throws SnapshotFormatError on a bad file. */
export function readSnapshotFile(file: string): Record<string, unknown> | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return unpackSnapshot(bytes);
}
