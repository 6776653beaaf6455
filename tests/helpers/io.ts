import type { CliIo } from '../../src/cli/io';

export type CapturedIo = CliIo & { outLines: string[]; errLines: string[]; code: number };

/** A command's output, collected for assertions. */
export function captureIo(): CapturedIo {
  const io: CapturedIo = {
    outLines: [],
    errLines: [],
    code: 0,
    out: (l: string) => void io.outLines.push(l),
    err: (l: string) => void io.errLines.push(l),
    setExitCode: (c: number) => void (io.code = c),
  };
  return io;
}
