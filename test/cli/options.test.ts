import { describe, expect, it } from 'vitest';
import { parseAtOption, parseMonthOption } from '../../src/app/options.js';
import { evaluationMonthAt, instantText, inOffset, wallClockDate, wallClockText } from '../../src/domain/clock.js';
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
    // an explicit offset is honoured and the instant written in the policy's offset, like every stored time
    ['2026-11-04 08:20Z', '2026-11-04T16:20:00+08:00'],
    ['2026-11-04 09:20+0900', '2026-11-04T08:20:00+08:00'],
  ])('--at %s → %s', (v, want) => expect(parseAtOption(v, '+08:00')).toBe(want));

  it("the policy's offset drives --at", () => {
    expect(parseAtOption('2026-11-04 16:20', '+07:00')).toBe('2026-11-04T16:20:00+07:00');
    expect(parseAtOption('2026-11-04 08:20Z', '-05:00')).toBe('2026-11-04T03:20:00-05:00');
  });

  it.each(['yesterday', '2026-11-04', '2026-11-04 25:00', '2026-11-04 10:60'])('--at %s is a usage error', (v) => {
    const stop = stopOf(() => parseAtOption(v, '+08:00'));
    expect([stop.kind, stop.issues.map((i) => [i.code, i.params?.value])]).toEqual(['usage', [['option.time_format', v]]]);
  });

  it.each([
    ['2026-13-04 10:00', 'option.date_impossible'],
    ['2026-02-30 10:00', 'option.date_impossible'],
    ['9999-12-31 23:59', 'option.date_out_of_range'],
  ])('--at %s is a usage error saying the day does not exist or the year is mistyped (%s)', (v, code) => {
    const stop = stopOf(() => parseAtOption(v, '+08:00'));
    expect([stop.kind, stop.issues.map((i) => [i.code, i.params?.value])]).toEqual(['usage', [[code, v]]]);
  });
});

describe('the clock: every time in the policy offset', () => {
  const now = new Date('2026-11-30T17:44:11.900Z'); // 01:44 on 12-01 in Beijing
  it('now as stored: ISO in the offset, to the second (not …Z)', () => {
    expect(instantText(now, '+08:00')).toBe('2026-12-01T01:44:11+08:00');
    expect(instantText(now, '-03:30')).toBe('2026-11-30T14:14:11-03:30');
  });
  it('shown as wall-clock text in the offset, or in the offset it is written with', () => {
    expect(wallClockText('2026-11-09T09:30:00Z', '+08:00')).toBe('2026-11-09 17:30');
    expect(wallClockText('2026-11-09T17:30:00+08:00')).toBe('2026-11-09 17:30');
    expect(wallClockText('2026-11-09')).toBe('2026-11-09');
    expect(wallClockText('不是时间')).toBe('不是时间');
    expect(inOffset('2026-11-09T09:30:00.250Z', '+08:00')).toBe('2026-11-09T17:30:00+08:00');
    expect(wallClockDate('2026-11-09T17:30:00+08:00')!.toISOString()).toBe('2026-11-09T17:30:00.000Z'); // what Excel shows
  });
  it('the month evaluated is the one before the local month', () => {
    expect(evaluationMonthAt(now, '+08:00')).toBe('2026-11'); // already December in Beijing
    expect(evaluationMonthAt(now, '+00:00')).toBe('2026-10');
  });
});
