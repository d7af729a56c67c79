/**
 * .docx → PDF with LibreOffice when it is installed (`soffice --headless --convert-to pdf`).
 * Optional by design: without LibreOffice the slips are still written as .docx and the caller
 * says so. Each run uses its own throw-away LibreOffice profile, so a LibreOffice the clerk has
 * open (or a parallel run) does not block the conversion.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice', 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'];

/** The soffice program, or null when LibreOffice is not installed. SOFFICE in the environment names it explicitly ('' = none). */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const list = env.SOFFICE !== undefined ? (env.SOFFICE ? [env.SOFFICE] : []) : CANDIDATES;
  for (const c of list) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0 && /LibreOffice/i.test(r.stdout ?? '')) return c;
  }
  return null;
}

export type PdfResult = { ok: true } | { ok: false; detail: string };

/** Convert every .docx to a PDF beside it in `outDir` (one LibreOffice start for all). */
export async function docxToPdf(soffice: string, docxFiles: readonly string[], outDir: string): Promise<PdfResult> {
  if (!docxFiles.length) return { ok: true };
  const profile = mkdtempSync(path.join(tmpdir(), 'jixiao-lo-'));
  try {
    const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...docxFiles];
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const p = spawn(soffice, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += String(d)));
      p.on('error', (e) => resolve({ code: -1, err: e.message }));
      p.on('close', (code) => resolve({ code, err }));
    });
    return r.code === 0 ? { ok: true } : { ok: false, detail: r.err.trim() || `soffice exit ${r.code}` };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
