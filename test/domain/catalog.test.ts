import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { messages as domain } from '../../src/i18n/domain.js';
import { messages as policyMessages } from '../../src/i18n/policy.js';
import { packageRoot } from '../../src/policy/files.js';

/**
 * Every 'reason.*' / 'consequence.*' / 'policy.*' literal in the owned sources. (Issue codes
 * are not scanned for: they are one typed list, src/issue-codes.ts, checked in test/i18n.)
 */
function keysUsedIn(files: string[]): { messages: Set<string> } {
  const messages = new Set<string>();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/'((?:reason|consequence|policy)\.[a-z_.]+)'/g)) messages.add(m[1]);
  }
  return { messages };
}

describe('catalogs of the domain and policy areas', () => {
  it('zh and en have the same keys', () => {
    for (const c of [domain, policyMessages]) expect(Object.keys(c.en).sort()).toEqual(Object.keys(c.zh).sort());
  });
  it('every Reason, consequence and policy key used in src/domain and src/policy has a message', () => {
    const root = packageRoot();
    const dir = join(root, 'src', 'domain');
    const files = [
      ...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)),
      join(root, 'src', 'policy', 'schema.ts'),
      join(root, 'src', 'policy', 'load.ts'),
    ];
    const { messages } = keysUsedIn(files);
    expect(messages.size).toBeGreaterThan(15);
    for (const k of messages) {
      if (k === 'policy.schema.ts' || k === 'policy.yaml') continue;
      const c = k.startsWith('policy.') ? policyMessages : domain;
      expect(c.zh[k], k).toBeTruthy();
    }
  });
  it('placeholders match between zh and en', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const c of [domain, policyMessages]) for (const k of Object.keys(c.zh)) expect(ph(c.en[k]), k).toBe(ph(c.zh[k]));
  });
});
