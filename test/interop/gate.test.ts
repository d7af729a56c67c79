/**
 * The interop suites stand aside on a machine without LibreOffice or openpyxl (one line with
 * the apt-get command), and fail there as before where CI is set or JIXIAO_INTEROP=required.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { interopDecision, interopRequired } from './gate.js';

describe('interopDecision', () => {
  it('runs when nothing is missing, whatever the environment', () => {
    expect(interopDecision('s', [], {})).toEqual({ run: true });
    expect(interopDecision('s', [], { CI: 'true' })).toEqual({ run: true });
  });

  it('stands aside with one line naming what is missing and the apt-get command', () => {
    const d = interopDecision('test/interop/outputs.test.ts', ['soffice', 'openpyxl'], {});
    expect(d.run).toBe(false);
    if (d.run) return;
    expect(d.line).not.toContain('\n');
    expect(d.line).toMatch(/^test\/interop\/outputs\.test\.ts stood aside: LibreOffice \(soffice\), openpyxl for \S+ missing/);
    expect(d.line).toContain('sudo apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk python3-openpyxl');
  });

  it('runs (so absence fails) when CI is set or JIXIAO_INTEROP=required', () => {
    expect(interopDecision('s', ['soffice'], { CI: 'true' })).toEqual({ run: true });
    expect(interopDecision('s', ['uno'], { CI: '1' })).toEqual({ run: true });
    expect(interopDecision('s', ['pdftotext'], { JIXIAO_INTEROP: 'required' })).toEqual({ run: true });
    expect(interopRequired({ CI: '' })).toBe(false);
    expect(interopRequired({ CI: 'false' })).toBe(false);
    expect(interopRequired({ JIXIAO_INTEROP: 'optional' })).toBe(false);
  });
});

describe('a suite run where LibreOffice cannot be found (SOFFICE pointing nowhere)', () => {
  const runSuite = (extra: Record<string, string>) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SOFFICE: '/nonexistent/soffice', ...extra };
    delete env.CI;
    delete env.JIXIAO_INTEROP;
    Object.assign(env, extra);
    return spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/interop/requirements.test.ts'], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
  };

  it('stands aside and passes, saying what is missing', () => {
    const r = runSuite({});
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(0);
    expect(out).toContain('test/interop/requirements.test.ts stood aside: LibreOffice (soffice) missing');
    expect(out).toContain('sudo apt-get install -y libreoffice-calc-nogui');
    expect(out).toMatch(/skipped/);
  });

  it('fails with JIXIAO_INTEROP=required, naming the install command', () => {
    const r = runSuite({ JIXIAO_INTEROP: 'required' });
    const out = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(out).toContain('soffice (LibreOffice) was not found');
  });
});
