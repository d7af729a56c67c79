/** What a command may touch of the outside world, passed in so tests can run main() in-process. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  now: () => Date;
  env: Record<string, string | undefined>;
  /** Colour and progress lines only on a real terminal. */
  isTTY: boolean;
}

export const processIo = (): Io => ({
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  cwd: process.cwd(),
  now: () => new Date(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});

/** An Io that records everything, for tests. */
export function memoryIo(opts: Partial<Io> = {}): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (s) => stdout.push(s),
    err: (s) => stderr.push(s),
    cwd: process.cwd(),
    now: () => new Date(),
    env: {},
    isTTY: false,
    ...opts,
    stdout,
    stderr,
  };
}

/** Expected way out of a command with an exit code (1 = blocking input problems, 2 = usage). */
export class ExitError extends Error {
  constructor(
    public readonly code: number,
    message = '',
  ) {
    super(message);
  }
}
