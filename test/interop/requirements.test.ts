/**
 * The programs the interop tests need. These fail (never skip) when one is missing, with
 * the command that installs it; CI installs them (.ci/run).
 */
import { describe, expect, it } from 'vitest';
import { soffice, sofficeVersion } from './lo.js';
import { PYTHON, requirePython } from './python.js';

describe('interop test requirements', () => {
  it('LibreOffice (soffice) is installed, ≥ 7.2 (CSV export of every sheet)', () => {
    expect(soffice()).toBeTruthy();
    const [major, minor] = sofficeVersion();
    expect(major * 100 + minor).toBeGreaterThanOrEqual(702);
  });

  it(`${PYTHON} has openpyxl (a second xlsx library) and uno (LibreOffice's Python bridge)`, () => {
    expect(() => requirePython('openpyxl', 'uno')).not.toThrow();
  });
});
