/**
 * How texts people type are compared. Pure, imports nothing: the policy, the form template,
 * the readers and the checks all compare text the same way.
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
