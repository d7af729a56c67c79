/**
 * The programs the interop tests need. Where CI is set or JIXIAO_INTEROP=required these fail
 * when one is missing, with the command that installs it (.ci/run installs them); elsewhere
 * the suite stands aside with that command (test/interop/gate.ts).
 */
import { describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import { soffice, sofficeVersion } from './lo.js';
import { PYTHON, requirePython } from './python.js';

describe.runIf(interopSuite('test/interop/requirements.test.ts', ['soffice', 'openpyxl', 'uno']))('interop test requirements', () => {
  it('LibreOffice (soffice) is installed, ≥ 7.2 (CSV export of every sheet)', () => {
    expect(soffice()).toBeTruthy();
    const [major, minor] = sofficeVersion();
    expect(major * 100 + minor).toBeGreaterThanOrEqual(702);
  });

  it(`${PYTHON} has openpyxl (a second xlsx library) and uno (LibreOffice's Python bridge)`, () => {
    expect(() => requirePython('openpyxl', 'uno')).not.toThrow();
  });
});
