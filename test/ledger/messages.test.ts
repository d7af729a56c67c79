import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/ledger.js';
import { LEDGER_CODES, messageKey } from '../../src/ledger/index.js';
import { t } from '../../src/i18n/index.js';

describe('ledger messages', () => {
  it('has the same keys in zh and en', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('has a message and a hint for every failure code, in both languages', () => {
    for (const code of LEDGER_CODES) {
      const key = messageKey(code);
      for (const lang of ['zh', 'en'] as const) {
        expect(messages[lang][key], `${lang} ${key}`).toBeTruthy();
        expect(messages[lang][`${key}.hint`], `${lang} ${key}.hint`).toBeTruthy();
      }
    }
  });

  it('uses the same placeholders in zh and en', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.zh)) expect(names(messages.zh[key]), key).toEqual(names(messages.en[key]));
  });

  it('renders through the catalog', () => {
    expect(t('ledger.too_new', { path: 'jixiao.db', found: 99, supported: 1 }, 'zh')).toContain('第 99 版');
    expect(t('ledger.workspace_exists', { dir: '/x', found: 'policy.yaml' }, 'en')).toContain('/x');
  });
});
