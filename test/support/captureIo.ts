import { colors, type Io } from '@mandate/cli';

/** An Io that records what a command prints, for running the CLI in-process. */
export function captureIo(cwd: string): Io & { stdout(): string; stderr(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    color: colors(false),
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  };
}
