/**
 * LibreOffice as a second, real spreadsheet client for the interop tests (issue 5).
 *
 * Every call runs `soffice --headless --norestore` with its own user profile
 * (-env:UserInstallation), so parallel vitest workers — and parallel calls in one worker —
 * never share a profile (two soffice processes on one profile block or fail silently).
 * Profiles are pooled per worker and reused (a fresh one costs ~1 s more), and removed
 * when the worker exits.
 *
 * A missing LibreOffice fails the tests where CI is set or JIXIAO_INTEROP=required (.ci/run
 * installs it); elsewhere the suites stand aside with the install command (./gate.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const INSTALL_HINT =
  'LibreOffice is needed by the interop tests (test/interop). Install it with:\n' +
  '  sudo apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk python3-openpyxl python3-uno\n' +
  '(or run .ci/run, which installs what is missing), or set SOFFICE=/path/to/soffice.';

let found: string | null | undefined;

/** Path of the soffice binary, or throws an error that says how to install LibreOffice. */
export function soffice(): string {
  if (found === undefined) {
    // an explicit SOFFICE is the only candidate (so a wrong path fails instead of silently falling back)
    const candidates = process.env.SOFFICE
      ? [process.env.SOFFICE]
      : [
          'soffice',
          'libreoffice',
          '/usr/bin/soffice',
          '/usr/lib/libreoffice/program/soffice',
          '/opt/libreoffice/program/soffice',
          '/Applications/LibreOffice.app/Contents/MacOS/soffice',
        ];
    found = null;
    for (const c of candidates) {
      const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30_000 });
      if (r.status === 0 && /LibreOffice/i.test(r.stdout)) {
        found = c;
        break;
      }
    }
  }
  if (!found) throw new Error(`soffice (LibreOffice) was not found.\n${INSTALL_HINT}`);
  return found;
}

/** "LibreOffice 7.4.7.2 …" → [7, 4]. */
export function sofficeVersion(): [number, number] {
  const out = spawnSync(soffice(), ['--version'], { encoding: 'utf8' }).stdout;
  const m = /LibreOffice (\d+)\.(\d+)/.exec(out);
  if (!m) throw new Error(`cannot read the LibreOffice version from: ${out}`);
  return [Number(m[1]), Number(m[2])];
}

// ───────────────────────────── profiles ─────────────────────────────

const profileRoot = join(tmpdir(), `jixiao-lo-${process.pid}-${randomBytes(4).toString('hex')}`);
const freeProfiles: string[] = [];
let profileCount = 0;
/** Process groups of running soffice children: killed if the worker exits first (test timeout). */
const running = new Set<number>();

/**
 * Kill any soffice still running and remove this worker's profiles. Call from afterAll
 * (vitest's workers do not always run 'exit' handlers); also run on 'exit'.
 */
export function cleanupLibreOffice(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  running.clear();
  freeProfiles.length = 0;
  rmSync(profileRoot, { recursive: true, force: true });
}
process.on('exit', cleanupLibreOffice);

function takeProfile(): string {
  return freeProfiles.pop() ?? join(profileRoot, `p${profileCount++}`);
}

/** A private profile directory (file URL for -env:UserInstallation) for a soffice started elsewhere (the UNO script). */
export function privateProfile(name: string): { url: string; tmp: string } {
  const dir = join(profileRoot, name);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  return { url: pathToFileURL(dir).href, tmp: join(dir, 'tmp') };
}

// ───────────────────────────── running soffice ─────────────────────────────

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Run soffice headless with a private profile. Kills the whole process group on timeout
 * (soffice is a shell script that starts soffice.bin).
 */
export async function runSoffice(args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<RunResult> {
  const bin = soffice();
  const profile = takeProfile();
  // LibreOffice's own temporary files (lu*.tmp) go inside the profile, removed with it
  mkdirSync(join(profile, 'tmp'), { recursive: true });
  const timeoutMs = opts.timeoutMs ?? 90_000;
  let reusable = true;
  try {
    return await new Promise<RunResult>((resolvePromise, reject) => {
      const child = spawn(
        bin,
        ['--headless', '--norestore', '--nolockcheck', '--nologo', `-env:UserInstallation=${pathToFileURL(profile).href}`, ...args],
        { cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp', TMPDIR: join(profile, 'tmp') } },
      );
      if (child.pid) running.add(child.pid);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => {
        reusable = false; // a killed soffice may leave its profile locked
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        reject(new Error(`soffice ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`${e.message}\n${INSTALL_HINT}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (child.pid) running.delete(child.pid);
        resolvePromise({ stdout, stderr, code });
      });
    });
  } finally {
    if (reusable) freeProfiles.push(profile);
  }
}

/**
 * CSV export filter: comma, double quote, UTF-8 (76), all sheets as separate files (-1,
 * LibreOffice ≥ 7.2: <name>-<sheet>.csv).
 *  - `quoteText`: quote every text cell, so a text "00123" and a number 123 can be told apart;
 *  - `asShown`: write cells as formatted ("5,000.00", "25.0%") instead of raw values.
 */
export function csvFilter(opts: { quoteText?: boolean; asShown?: boolean } = {}): string {
  const q = opts.quoteText ?? true;
  const shown = opts.asShown ?? false;
  return `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,${q},true,${shown},false,false,-1`;
}

/** CSV import filter: comma, double quote, UTF-8; `columnFormats` e.g. "1/2" = column 1 as text. */
export function csvImportFilter(columnFormats = ''): string {
  return `Text - txt - csv (StarCalc):44,34,76,1,${columnFormats},0,false,true`;
}

/**
 * Convert files with LibreOffice (one soffice run for all of them). `format` is what
 * --convert-to takes ("xlsx", "pdf", or a filter string such as `csvFilter()`).
 * Returns, per input file, the output files written (several for a multi-sheet CSV export),
 * in the order LibreOffice wrote them. Fails when any input produced no output.
 */
export async function convert(
  files: string[],
  format: string,
  outDir: string,
  opts: { infilter?: string; timeoutMs?: number } = {},
): Promise<Map<string, string[]>> {
  mkdirSync(outDir, { recursive: true });
  const inputs = files.map((f) => resolve(f));
  const stems = inputs.map((f) => basename(f, extname(f)));
  if (new Set(stems).size !== stems.length) throw new Error(`convert: input names must be unique: ${stems.join(', ')}`);
  const args = [...(opts.infilter ? [`--infilter=${opts.infilter}`] : []), '--convert-to', format, '--outdir', resolve(outDir), ...inputs];
  const ext = format.split(':')[0];
  const outputs = (stdout: string): (string[] | null)[] => {
    const listing = readdirSync(outDir);
    return inputs.map((_, i) => {
      const written: string[] = [];
      // "Writing sheet 汇总 -> /dir/name-汇总.csv" (multi-sheet CSV) or the single "<stem>.<ext>"
      for (const m of stdout.matchAll(/Writing sheet .* -> (.*)$/gm)) {
        const p = m[1].trim();
        if (basename(p).startsWith(`${stems[i]}-`) && existsSync(p)) written.push(p);
      }
      if (written.length === 0 && listing.includes(`${stems[i]}.${ext}`)) written.push(join(outDir, `${stems[i]}.${ext}`));
      return written.length > 0 ? written : null;
    });
  };
  let r = await runSoffice(args, { timeoutMs: opts.timeoutMs });
  let got = outputs(r.stdout);
  // a soffice that starts on a brand-new profile now and then exits without converting: once more
  if (got.some((g) => g === null)) {
    r = await runSoffice(args, { timeoutMs: opts.timeoutMs });
    got = outputs(r.stdout);
  }
  const out = new Map<string, string[]>();
  got.forEach((written, i) => {
    if (!written) throw new Error(`LibreOffice wrote nothing for ${inputs[i]} (${format}); exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    out.set(files[i], written);
  });
  return out;
}

// ───────────────────────────── CSV ─────────────────────────────

/** A CSV field as written: its text and whether it was quoted (LibreOffice quotes text cells with `quoteText`). */
export interface CsvField {
  text: string;
  quoted: boolean;
}

/** RFC 4180 parser (CRLF or LF; quotes doubled inside quoted fields; an optional UTF-8 BOM skipped). */
export function parseCsv(input: string): CsvField[][] {
  const s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: CsvField[][] = [];
  let row: CsvField[] = [];
  let i = 0;
  const n = s.length;
  if (n === 0) return rows;
  for (;;) {
    let text = '';
    let quoted = false;
    if (s[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= n) throw new Error('CSV: unterminated quoted field');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            text += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else text += s[i++];
      }
    } else {
      while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') text += s[i++];
    }
    row.push({ text, quoted });
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === '\r' && s[i + 1] === '\n') i += 2;
    else if (s[i] === '\n' || s[i] === '\r') i++;
    else throw new Error(`CSV: unexpected ${JSON.stringify(s[i])} at ${i}`);
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

/** One sheet as LibreOffice exported it: rows of fields, trailing empty fields and rows trimmed. */
export interface LoSheet {
  name: string;
  rows: CsvField[][];
}

const trimRows = (rows: CsvField[][]): CsvField[][] => {
  const out = rows.map((r) => {
    let end = r.length;
    while (end > 0 && r[end - 1].text === '' && !r[end - 1].quoted) end--;
    return r.slice(0, end);
  });
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
};

/**
 * Open workbooks in LibreOffice and export every sheet to CSV: file → sheets in workbook
 * order, by name. One soffice run for all files.
 */
export async function sheetsViaLibreOffice(
  files: string[],
  outDir: string,
  opts: { asShown?: boolean; quoteText?: boolean; infilter?: string } = {},
): Promise<Map<string, Map<string, LoSheet>>> {
  const written = await convert(files, csvFilter(opts), outDir, { infilter: opts.infilter });
  const result = new Map<string, Map<string, LoSheet>>();
  for (const [file, outs] of written) {
    const stem = basename(file, extname(file));
    const sheets = new Map<string, LoSheet>();
    for (const p of outs) {
      const name = basename(p, '.csv').slice(stem.length + 1);
      sheets.set(name, { name, rows: trimRows(parseCsv(await readFile(p, 'utf8'))) });
    }
    result.set(file, sheets);
  }
  return result;
}

/** The texts of a sheet's rows (quoting dropped). */
export const texts = (sheet: LoSheet): string[][] => sheet.rows.map((r) => r.map((f) => f.text));
