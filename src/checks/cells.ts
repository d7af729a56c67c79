/**
 * Sheet-shape checks: merged cells in the data area (a merged 工号 or 得分 cell makes rows
 * ambiguous — only its top-left cell holds the value — so it is an error). Pure: the reader
 * lists the merged areas that reach a table (top-left first).
 */
import { issue, type Issue } from '../issues.js';

/** cells.merged for every merged area ("A3:B4") of a table. */
export function mergedCellIssues(ranges: readonly string[], where: { file?: string; sheet: string }): Issue[] {
  return ranges.map((ref) => issue('cells.merged', 'error', { ...where, cell: ref, found: ref, params: { range: ref } }));
}
