import pc from 'picocolors';

/** Where a command writes, and whether it may colour: injected so tests run commands in-process. */
export interface Io {
  cwd: string;
  out(line: string): void;
  err(line: string): void;
  color: Colors;
}

/** Colouring helpers; identity functions when not on a TTY. */
export interface Colors {
  ok(text: string): string;
  bad(text: string): string;
  finding(text: string, severity: 'error' | 'warning'): string;
  tightening(text: string): string;
  loosening(text: string): string;
  dim(text: string): string;
}

/** Colours for a TTY, or none. */
export function colors(enabled: boolean): Colors {
  const c = pc.createColors(enabled);
  return {
    ok: c.green,
    bad: c.red,
    finding: (text, severity) => (severity === 'error' ? c.red(text) : c.yellow(text)),
    tightening: c.green,
    loosening: c.red,
    dim: c.dim,
  };
}

/** The process's own streams; colour only on a TTY (and never with NO_COLOR). */
export function processIo(): Io {
  return {
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color: colors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR),
  };
}
