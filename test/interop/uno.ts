/**
 * What LibreOffice Calc itself makes of a workbook, through its UNO bridge
 * (test/interop/py/inspect_uno.py): visibility, protection, frozen panes and autofilter of
 * every sheet; for chosen cells the text shown, number format, lock and data validation.
 * Headless conversion cannot show these (it drops the view, e.g. frozen panes).
 */
import { privateProfile, soffice } from './lo.js';
import { runPython } from './python.js';

export interface UnoSheet {
  name: string;
  visible: boolean;
  protected: boolean;
  frozen: boolean | null;
  splitColumn: number | null;
  splitRow: number | null;
  autofilter: string | null;
}
export interface UnoCell {
  shown: string;
  type: 'EMPTY' | 'VALUE' | 'TEXT' | 'FORMULA';
  format: string;
  locked: boolean;
  validation: {
    type: string;
    operator: string;
    formula1: string;
    formula2: string;
    showError: boolean;
    alertStyle: string;
  } | null;
}
export interface UnoInspection {
  version: string;
  files: Record<string, { sheets: UnoSheet[]; cells: Record<string, UnoCell> }>;
}

let session = 0;

/** Inspect files in one LibreOffice session; cells as "sheet!A1". */
export async function inspectInLibreOffice(files: { path: string; cells?: string[] }[]): Promise<UnoInspection> {
  const profile = privateProfile(`inspect-${session++}`);
  return runPython<UnoInspection>(
    'inspect_uno.py',
    {
      soffice: soffice(),
      profile: profile.url,
      pipe: `jixiao_inspect_${process.pid}_${session}_${Date.now()}`,
      files: files.map((f) => ({
        path: f.path,
        cells: (f.cells ?? []).map((c) => {
          const i = c.lastIndexOf('!');
          return { sheet: c.slice(0, i), cell: c.slice(i + 1) };
        }),
      })),
    },
    { env: { TMPDIR: profile.tmp } },
  );
}
