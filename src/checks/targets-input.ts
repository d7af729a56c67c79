/**
 * What the targets-workbook reader (src/sheets/targets-sheet.ts) hands the pure checker
 * (./targets.ts): raw rows of 年度目标, 季节系数 and 人员分配, each cell with its A1 reference,
 * the text the clerk sees and what it holds as a number.
 */
import type { ParsedNumber } from './numbers.js';

/** One cell as the checker needs it: where, what the clerk sees, and what number it holds. */
export interface RawCell {
  cell: string;
  text: string;
  number: ParsedNumber;
}

export interface AnnualTargetRow {
  row: number;
  indicator: RawCell;
  department: RawCell;
  target: RawCell;
}
export interface SeasonalityRow {
  row: number;
  indicator: RawCell;
  weights: RawCell[]; // 1月 … 12月
}
export interface ShareRow {
  row: number;
  indicator: RawCell;
  department: RawCell;
  employeeId: RawCell;
  share: RawCell;
}

/** The rows read from a targets workbook, with the sheet names found (null when the optional sheet is absent). */
export interface ExtractedTargets {
  file: string;
  sheets: { annual: string | null; seasonality: string | null; shares: string | null };
  annual: AnnualTargetRow[];
  seasonality: SeasonalityRow[];
  shares: ShareRow[];
}
