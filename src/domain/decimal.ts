/**
 * Exact decimal arithmetic for scores and money (decimal.js, half-up rounding).
 * The policy's results must be right to the fen; binary floating point is never used for them.
 */
import { Decimal as DecimalBase } from 'decimal.js';

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = DecimalBase;
export type DecimalValue = DecimalBase.Value;

export const dec = (v: DecimalValue): Decimal => new Decimal(v);

/** Round half-up to `places` decimals and render with exactly that many decimals ("97.25"). */
export const fixed = (v: DecimalValue, places = 2): string =>
  new Decimal(v).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);

export const sum = (values: Iterable<DecimalValue>): Decimal => {
  let s = new Decimal(0);
  for (const v of values) s = s.plus(v);
  return s;
};
