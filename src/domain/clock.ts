/**
 * Time in one place. Every time jixiao stores or shows is written in the policy's UTC offset
 * (`deadlines.utc_offset`, +08:00 for a Chinese dealership): receipt times, closing times,
 * deadlines. Pure: the current instant is read once by the CLI (io.now()) and passed in; these
 * functions only write and read instants in the offset. Old ledgers may hold `…Z` times; every
 * reader here converts whatever offset a time carries.
 */
import type { Month } from '../model.js';
import { prevMonth } from './dates.js';

/** '+08:00' → 480; '-05:30' → −330. Throws on text that is not an offset (the policy schema checks it). */
export function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) throw new RangeError(`not a UTC offset (+HH:MM): ${offset}`);
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** The wall-clock fields of an instant in the offset, in the UTC fields of the returned Date. */
const shifted = (ms: number, offset: string): Date => new Date(ms + offsetMinutes(offset) * 60_000);

/** An instant as stored: ISO with the offset, to the second ('2026-11-04T16:20:00+08:00'). */
export function instantText(at: Date | number, offset: string): string {
  const ms = Math.floor(new Date(at).getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) throw new RangeError('not an instant');
  return `${shifted(ms, offset).toISOString().slice(0, 19)}${offset}`;
}

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of an ISO instant; a time written without an offset is wall-clock time in `offset`. NaN when not a time. */
export function instantMs(iso: string, offset: string): number {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(iso)) return NaN;
  const text = iso.replace(' ', 'T');
  return Date.parse(ZONED.test(text) ? text : `${text}${offset}`);
}

/** The same instant written in the offset ('2026-11-09T09:30:00Z' → '2026-11-09T17:30:00+08:00'); text that is not a time is returned as is. */
export function inOffset(iso: string, offset: string): string {
  const ms = instantMs(iso, offset);
  return Number.isNaN(ms) ? iso : instantText(ms, offset);
}

/** The offset an instant is written with ('…+08:00' → '+08:00', '…Z' → '+00:00'); null when it has none. */
function writtenOffset(iso: string): string | null {
  const m = ZONED.exec(iso);
  if (!m) return null;
  if (m[1] === 'Z') return '+00:00';
  return m[1].includes(':') ? m[1] : `${m[1].slice(0, 3)}:${m[1].slice(3)}`;
}

/**
 * The wall-clock fields of an instant in `offset` — or, without one, in the offset the instant
 * is written with (the app writes every time in the policy's offset, so displays need not know
 * it) — as the UTC fields of a Date. A time without an offset is wall-clock time already.
 */
function wallClock(iso: string, offset?: string): Date | null {
  const zone = offset ?? writtenOffset(iso) ?? '+00:00';
  const ms = instantMs(iso, zone);
  return Number.isNaN(ms) ? null : shifted(ms, zone);
}

/**
 * What the clerk reads: "2026-11-09 17:30", the wall-clock time in `offset` (or in the offset
 * the instant is written with). A date alone, or text that is not a time, is returned as is.
 */
export function wallClockText(iso: string, offset?: string): string {
  const d = DATE_ONLY.test(iso) ? null : wallClock(iso, offset);
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : iso;
}

/**
 * An instant for an Excel cell, which has no zone: a Date whose UTC fields are the wall-clock
 * time (exceljs writes a Date by its UTC fields), in `offset` or in the offset the instant is
 * written with. A date alone is midnight of that day. Null for text that is not a date.
 */
export function wallClockDate(iso: string, offset?: string): Date | null {
  if (DATE_ONLY.test(iso)) {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return wallClock(iso, offset);
}

/** The local calendar day of an instant: '2026-11-30'. */
export const localDate = (at: Date | string, offset: string): string =>
  wallClockText(typeof at === 'string' ? at : instantText(at, offset), offset).slice(0, 10);

/** The month evaluated at an instant: the month before the local month (forms for October go out in November). */
export const evaluationMonthAt = (at: Date | string, offset: string): Month => prevMonth(localDate(at, offset).slice(0, 7));

/**
 * A receipt time as the clerk types it off the e-mail — "2026-11-04 16:20", "2026/11/4 9:05",
 * full-width colon — as wall-clock time in the offset; an explicit offset or Z is honoured and
 * the instant rewritten in the policy's offset. Null when it is not a valid date and time.
 */
export function parseWallClock(text: string, offset: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim().normalize('NFKC'));
  if (!m) return null;
  const [, y, mo, d, h, mi, s, off] = m;
  const pad = (x: string) => x.padStart(2, '0');
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) > days) return null;
  let zone = off ?? offset;
  if (zone === 'Z') zone = '+00:00';
  else if (!zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${s ?? '00'}${zone}`);
  return Number.isNaN(ms) ? null : instantText(ms, offset);
}
