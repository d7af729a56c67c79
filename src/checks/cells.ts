/**
 * Sheet-shape checks: merged cells in the data area (a merged 工号 or 得分 cell makes rows
 * ambiguous — only its top-left cell holds the value — so it is an error).
 */
import type ExcelJS from 'exceljs';
import { issue, type Issue } from '../issues.js';
import { mergedRanges } from '../sheets/cells.js';

/** cells.merged for every merge that reaches rows ≥ fromRow within columns 1..maxCol. */
export function mergedCellIssues(
  ws: ExcelJS.Worksheet,
  area: { fromRow: number; maxCol: number },
  where: { file?: string; sheet: string },
): Issue[] {
  return mergedRanges(ws)
    .filter((m) => m.bottom >= area.fromRow && m.left <= area.maxCol)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((m) => issue('cells.merged', 'error', { ...where, cell: m.ref, found: m.ref, params: { range: m.ref } }));
}
