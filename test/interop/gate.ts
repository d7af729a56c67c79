/**
 * Whether the interop suites run here. They need programs outside npm (LibreOffice, Debian's
 * python3 with openpyxl and uno, poppler's pdftotext). On a newcomer's machine without them a
 * suite stands aside with one line naming what is missing and the apt-get command, so
 * `npm ci && npm test` is green; where `CI` is set or JIXIAO_INTEROP=required, absence fails
 * as before (.ci/run installs them and runs everything).
 */
import { spawnSync } from 'node:child_process';
import { soffice } from './lo.js';
import { PYTHON } from './python.js';

export type Tool = 'soffice' | 'openpyxl' | 'uno' | 'pdftotext';

const PACKAGES: Record<Tool, { name: string; apt: string[] }> = {
  soffice: { name: 'LibreOffice (soffice)', apt: ['libreoffice-calc-nogui', 'libreoffice-writer-nogui', 'fonts-noto-cjk'] },
  openpyxl: { name: `openpyxl for ${PYTHON}`, apt: ['python3-openpyxl'] },
  uno: { name: `uno for ${PYTHON}`, apt: ['python3-uno'] },
  pdftotext: { name: 'pdftotext (poppler-utils)', apt: ['poppler-utils'] },
};

export type InteropDecision = { run: true } | { run: false; line: string };

/** Absence fails (the suite runs and its tests say what to install) when CI is set or JIXIAO_INTEROP=required. */
export function interopRequired(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return (ci !== undefined && ci !== '' && ci.toLowerCase() !== 'false' && ci !== '0') || env.JIXIAO_INTEROP === 'required';
}

/** Run the suite, or stand aside with the line to print. Pure: the caller finds what is missing. */
export function interopDecision(suite: string, missing: readonly Tool[], env: NodeJS.ProcessEnv): InteropDecision {
  if (missing.length === 0 || interopRequired(env)) return { run: true };
  const names = missing.map((m) => PACKAGES[m].name).join(', ');
  const apt = [...new Set(missing.flatMap((m) => PACKAGES[m].apt))].join(' ');
  return {
    run: false,
    line: `${suite} stood aside: ${names} missing — install with: sudo apt-get install -y ${apt} (or set JIXIAO_INTEROP=required to fail instead)`,
  };
}

const present = new Map<Tool, boolean>();
function has(tool: Tool): boolean {
  if (!present.has(tool)) {
    let ok: boolean;
    if (tool === 'soffice') {
      try {
        soffice();
        ok = true;
      } catch {
        ok = false;
      }
    } else if (tool === 'pdftotext') {
      const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
      ok = !r.error;
    } else {
      const r = spawnSync(PYTHON, ['-c', `import ${tool}`], { encoding: 'utf8' });
      ok = !r.error && r.status === 0;
    }
    present.set(tool, ok);
  }
  return present.get(tool)!;
}

/**
 * True when the suite should run; otherwise prints its stand-aside line once and returns
 * false. Use as `describe.runIf(interopSuite('…', ['soffice', 'openpyxl']))(…)`.
 */
export function interopSuite(suite: string, tools: readonly Tool[]): boolean {
  const d = interopDecision(suite, tools.filter((t) => !has(t)), process.env);
  if (!d.run) console.warn(d.line);
  return d.run;
}
