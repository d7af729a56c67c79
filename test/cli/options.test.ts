import { describe, expect, it } from 'vitest';
import { parseAtOption, parseMonthOption, beijingText } from '../../src/app/options.js';
import { Stop } from '../../src/issues.js';

/** The Stop a call throws (the value the CLI prints and maps to exit 2). */
function stopOf(f: () => unknown): Stop {
  try {
    f();
  } catch (e) {
    if (e instanceof Stop) return e;
    throw e;
  }
  throw new Error('no Stop thrown');
}

describe('months and receipt times as clerks type them', () => {
  it.each([
    ['2026-10', '2026-10'],
    ['2026-1', '2026-01'],
    ['202610', '2026-10'],
    ['2026/10', '2026-10'],
    ['2026.10', '2026-10'],
    ['2026年10月', '2026-10'],
  ])('--month %s → %s', (v, want) => expect(parseMonthOption(v, true)).toBe(want));

  it.each(['2026-13', '26-10', '十月', '2026-00', ''])('--month %s is a usage error (exit 2)', (v) => {
    const stop = stopOf(() => parseMonthOption(v, true));
    expect([stop.kind, stop.issues.map((i) => [i.code, i.params?.value])]).toEqual(['usage', [['option.month_format', v]]]);
  });

  it.each([
    ['2026-11-04 16:20', '2026-11-04T16:20:00+08:00'],
    ['2026/11/4 16:20', '2026-11-04T16:20:00+08:00'],
    ['2026.11.04 9:05', '2026-11-04T09:05:00+08:00'],
    ['2026-11-04T16:20:30', '2026-11-04T16:20:30+08:00'],
    ['2026-11-04 16：20', '2026-11-04T16:20:00+08:00'],
    ['2026-11-04 08:20Z', '2026-11-04T08:20:00+00:00'],
  ])('--at %s → %s', (v, want) => expect(parseAtOption(v)).toBe(want));

  it.each(['yesterday', '2026-11-04', '2026-11-04 25:00', '2026-13-04 10:00'])('--at %s is a usage error', (v) => {
    const stop = stopOf(() => parseAtOption(v));
    expect([stop.kind, stop.issues.map((i) => [i.code, i.params?.value])]).toEqual(['usage', [['option.time_format', v]]]);
  });

  it('shows an instant in Beijing time', () => expect(beijingText('2026-11-09T09:30:00Z')).toBe('2026-11-09 17:30'));
});
