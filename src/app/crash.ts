/**
 * Crash points for the kill -9 tests of issue 10 §7: with JIXIAO_TEST_CRASH_AT=<name> the
 * process kills itself (SIGKILL, like a power cut) when it reaches that point. Never set in use.
 */
export function crashPoint(name: string): void {
  if (process.env.JIXIAO_TEST_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
