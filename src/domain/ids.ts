/** 工号 (employee ids) as the roster writes them: how they sort on every list the clerk sees. */

/** Compare 工号 texts: all-digit ids numerically (by length, then text), otherwise by code point. */
export const compareIds = (a: string, b: string): number => {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
};
