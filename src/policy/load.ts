/**
 * Reading the policy file (YAML) into a checked Policy. Every problem comes back at once as a
 * PolicyProblem with a dotted path (`grades.B.min`, `sections.职能[2].weight`): YAML syntax
 * errors (with line and column), shape errors from the schema, then the cross-field rules.
 * Pure: takes the text, does no I/O (see files.ts for reading the bundled default).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Issue } from '../issues.js';
import { policyRuleProblems, policySchema, type Policy, type PolicyProblem } from './schema.js';

export interface ParsedPolicy {
  /** The policy, only when there is no problem at all (a policy with problems must not be used). */
  policy: Policy | null;
  problems: PolicyProblem[];
}

/** `['sections', '职能', 2, 'weight']` → `sections.职能[2].weight`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out;
}

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown => {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p as never];
  }
  return cur;
};

const show = (v: unknown): string => {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  values?: unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  errors?: ZodIssueLike[][];
}

/** One zod issue → PolicyProblem(s). Keys: policy.schema.missing, .unknown_key, .type, .enum, .range, .format, policy.schema (other). */
function fromZod(z: ZodIssueLike, raw: unknown): PolicyProblem[] {
  const path = dottedPath(z.path);
  const found = show(valueAt(raw, z.path));
  const detail = z.message;
  switch (z.code) {
    case 'unrecognized_keys':
      return (z.keys ?? []).map((k) => ({
        path: dottedPath([...z.path, k]),
        key: 'policy.schema.unknown_key',
        params: { key: k, detail },
      }));
    case 'invalid_type':
      if (valueAt(raw, z.path) === undefined) return [{ path, key: 'policy.schema.missing', params: { detail } }];
      return [{ path, key: 'policy.schema.type', params: { expected: String(z.expected ?? ''), found, detail } }];
    case 'invalid_value':
      return [{ path, key: 'policy.schema.enum', params: { options: (z.values ?? []).map(String).join(', '), found, detail } }];
    case 'too_small':
    case 'too_big':
      if (z.origin === 'array' || z.origin === 'string' || z.origin === 'set')
        return [{ path, key: 'policy.schema.length', params: { found, detail } }];
      return [
        {
          path,
          key: 'policy.schema.range',
          params: { min: z.minimum !== undefined ? String(z.minimum) : '', max: z.maximum !== undefined ? String(z.maximum) : '', found, detail },
        },
      ];
    case 'invalid_format':
      return [{ path, key: 'policy.schema.format', params: { found, detail } }];
    case 'invalid_union': {
      // A value none of the alternatives accepts (e.g. a date written in another format).
      if (valueAt(raw, z.path) === undefined) return [{ path, key: 'policy.schema.missing', params: { detail } }];
      return [{ path, key: 'policy.schema.type', params: { expected: '', found, detail } }];
    }
    default:
      return [{ path, key: 'policy.schema', params: { detail, found } }];
  }
}

/** Keys repeated within one mapping, anywhere in the document (one Set per mapping: linear). */
function duplicateKeys(root: unknown): { key: string; offset: number }[] {
  const found: { key: string; offset: number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(String(pair.key));
        if (seen.has(k)) found.push({ key: k, offset: (pair.key as Node | null)?.range?.[0] ?? 0 });
        seen.add(k);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

export function parsePolicy(yamlText: string): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const text = String(yamlText ?? '').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { policy: null, problems: [{ path: '', key: 'policy.empty', params: {} }] };

  // The yaml library's own uniqueKeys check compares every key with every other (250,000
  // department aliases never finish); duplicateKeys below does the same with a Set, linearly.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
  for (const e of doc.errors) {
    const pos = e.linePos?.[0];
    problems.push({
      path: '',
      key: 'policy.yaml_syntax',
      params: { line: pos?.line ?? 0, col: pos?.col ?? 0, detail: e.message.split('\n')[0] },
    });
  }
  for (const d of duplicateKeys(doc.contents)) {
    const pos = lineCounter.linePos(d.offset);
    problems.push({ path: '', key: 'policy.yaml_syntax', params: { line: pos.line, col: pos.col, detail: `Map keys must be unique: ${d.key}` } });
  }
  if (problems.length) return { policy: null, problems };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { policy: null, problems: [{ path: '', key: 'policy.yaml_syntax', params: { line: 0, col: 0, detail: String((err as Error).message) } }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { policy: null, problems: [{ path: '', key: 'policy.not_mapping', params: {} }] };

  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    for (const z of parsed.error.issues as unknown as ZodIssueLike[]) problems.push(...fromZod(z, raw));
    return { policy: null, problems };
  }
  problems.push(...policyRuleProblems(parsed.data));
  return { policy: problems.length ? null : parsed.data, problems };
}

/**
 * Policy problems as Issues (code = the problem key, e.g. `policy.band_gap`; message
 * `issue.policy.band_gap`), with the dotted path in params.path and as `cell`-like location text.
 */
export function policyIssues(problems: readonly PolicyProblem[], file?: string): Issue[] {
  return problems.map((p) => ({
    code: p.key,
    severity: 'error' as const,
    ...(file ? { file } : {}),
    params: { ...p.params, path: p.path },
  }));
}
