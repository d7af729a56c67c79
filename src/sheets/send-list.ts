/**
 * 发送清单.xlsx (dealer groups): one row per score sheet — store, scorer, 工号, form, people,
 * file (relative to the forms folder) and deadline — so 2,000+ sheets can be mailed out
 * store by store. Grouped by store, in the plan's order within each store.
 */
import type ExcelJS from 'exceljs';
import path from 'node:path';
import { t } from '../i18n/index.js';
import { addTable, finishSheet, newWorkbook, type TableColumn } from './style.js';

export const SEND_LIST_FILE = '发送清单.xlsx';
export const SEND_LIST_SHEET = '发送清单';

/** One sheet sent: what `forms` wrote. */
export interface SentSheet {
  file: string;
  kind: string;
  scorerId: string;
  scorerName: string;
  employees: number;
  deadline: string;
  store?: string;
}

export function buildSendList(r: { month: string; outDir: string; forms: readonly SentSheet[] }): ExcelJS.Workbook {
  const wb = newWorkbook();
  const title = t('stores.send_list.title', { month: r.month });
  wb.title = title;
  const ws = wb.addWorksheet(SEND_LIST_SHEET);
  const col = (key: string, kind: TableColumn['kind']): TableColumn => ({ key, kind, header: t(`stores.send_list.col.${key}`) });
  const columns = [col('store', 'text'), col('scorer', 'text'), col('scorer_id', 'text'), col('form', 'text'), col('people', 'int'), col('file', 'text'), col('deadline', 'date')];
  const storeOrder = new Map<string, number>();
  for (const f of r.forms) if (!storeOrder.has(f.store ?? '')) storeOrder.set(f.store ?? '', storeOrder.size);
  // Stores in the order they first appear (the plan's order), each store's sheets together.
  const forms = [...r.forms].sort((a, b) => storeOrder.get(a.store ?? '')! - storeOrder.get(b.store ?? '')!);
  const rows = forms.map((f) => ({
    store: f.store ?? '',
    scorer: f.scorerName,
    scorer_id: f.scorerId,
    form: t(`close.form.${f.kind}`),
    people: f.employees,
    // Relative with forward slashes: the same text on Windows and in a mail merge.
    file: path.relative(r.outDir, f.file).split(path.sep).join('/'),
    deadline: f.deadline,
  }));
  addTable(ws, columns, rows, { freezeColumns: 1 });
  finishSheet(ws, { headerText: title, pageText: t('close.print.page') });
  return wb;
}
