/**
 * How texts people type are compared: every normaliser, in one place. Pure, imports nothing.
 * They differ on purpose — each says what it keeps and what it drops:
 *  - normText       exact: only odd spaces → space and trim (the roster's 部门/岗位 against the policy table).
 *  - normaliseText  a cell as shown: full-width → ASCII, zero-width gone, white space runs → one space.
 *  - headerKey      a column header: normaliseText, no spaces, *, %, colons or bracketed notes; lower case.
 *  - sheetKey       a sheet name: NFKC, trimmed, lower case (inner spaces kept: Excel keeps them).
 *  - looseText      a typed section name: NFKC, no spaces at all, no formula-guard apostrophe, lower case.
 *  - normId         a 工号: NFKC, no spaces, no leading apostrophe; case kept (A01 ≠ a01).
 *  - normName       a 姓名: as normId, and the middle dots of transliterated names dropped (张 伟 = 张伟).
 */

/**
 * Trim; full-width letters, digits and signs (９５, ＡＢ, （）) to their ASCII forms;
 * zero-width characters removed; every run of white space (including the full-width space
 * U+3000 and line breaks inside a cell) to one space. Chinese characters are left alone.
 */
export function normaliseText(s: string): string {
  return s
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The comparable form of a header: no spaces, asterisks, "%", colons, or bracketed notes/units; lower case. */
export function headerKey(s: string): string {
  return normaliseText(s)
    .replace(/\([^()]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕|〈[^〉]*〉|<[^>]*>/g, '')
    .replace(/[\s*※%:：]/g, '')
    .toLowerCase();
}

/**
 * Text as compared with the policy table: full-width (U+3000) and no-break spaces become
 * ordinary spaces, then leading/trailing whitespace is removed. Nothing else changes
 * (no case folding, no removal of inner spaces): the comparison is exact.
 */
export const normText = (s: string | null | undefined): string =>
  String(s ?? '')
    .replace(/[\u3000\u00a0\u2007\u202f]/g, ' ')
    .trim();

/** A sheet name as compared: NFKC, trimmed, lower case — inner spaces count. */
export const sheetKey = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** A typed section name as compared: NFKC, no spaces, no formula-guard apostrophe, lower case. */
export function looseText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^'(?=[=+\-@])/, '')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/** 工号 as compared: NFKC (full-width digits/letters → half-width), no spaces, no leading apostrophe; case kept. */
export const normId = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/^'/, '');
/** 姓名 as compared: as normId, and middle dots dropped too (张 伟 = 张伟, 阿卜杜·热合曼 = 阿卜杜热合曼). */
export const normName = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000·•]+/g, '').replace(/^'/, '');
