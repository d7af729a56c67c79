/**
 * The layering, checked on the import lines of src/**.ts: the checks are pure (no exceljs,
 * nothing from src/sheets — a reader produces their input), and the top-level parts of src/
 * depend on each other one way only.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module a file names: static imports and re-exports (one or many lines), side-effect and dynamic imports. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gms)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

/** The part of src/ a path is in: its top-level folder, or a top-level file without ".ts". */
const partOf = (abs: string) => relative(SRC, abs).split(/[\\/]/)[0].replace(/\.ts$/, '');

interface Edge {
  from: string;
  to: string;
  file: string;
}

const files = sourceFiles(SRC);
const imports = files.flatMap((file) =>
  importsOf(readFileSync(file, 'utf8')).map((spec) => ({
    file: relative(SRC, file),
    spec,
    target: spec.startsWith('.') ? resolve(dirname(file), spec).replace(/\.js$/, '.ts') : null,
  })),
);
const edges: Edge[] = imports
  .filter((i) => i.target !== null && i.target.startsWith(SRC))
  .map((i) => ({ from: partOf(join(SRC, i.file)), to: partOf(i.target!), file: i.file }))
  .filter((e) => e.from !== e.to);

/**
 * Edges known to close a cycle, with the work that removes them. When one disappears, the
 * last test below fails: delete it here.
 */
const PENDING: Record<string, string> = {};

/** One cycle between parts (as "a→b→…→a"), or null. */
function findCycle(all: Edge[]): string | null {
  const next = new Map<string, Set<string>>();
  for (const e of all) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n].join('→');
    state.set(n, 'open');
    path.push(n);
    for (const m of next.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    path.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of next.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('the import graph of src/', () => {
  it('reads the import lines (a parser that sees nothing would prove nothing)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf("import {\n  a,\n  b,\n} from './x.js';\nexport type { C } from '../y.js';\ntype T = import('./z.js').T;")).toEqual([
      './x.js',
      '../y.js',
      './z.js',
    ]);
    const pairs = new Set(edges.map((e) => `${e.from}→${e.to}`));
    for (const known of ['cli→app', 'app→sheets', 'app→checks', 'sheets→checks', 'checks→domain']) expect(pairs).toContain(known);
  });

  it('nothing under src/checks imports exceljs or src/sheets', () => {
    const bad = imports
      .filter((i) => i.file.startsWith('checks'))
      .filter((i) => i.spec === 'exceljs' || i.spec.startsWith('exceljs/') || (i.target !== null && partOf(i.target) === 'sheets'))
      .map((i) => `${i.file}: ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('nothing under src/app imports src/cli (the app returns problems; the CLI words them and picks the exit code)', () => {
    const bad = imports.filter((i) => i.file.startsWith('app') && i.target !== null && partOf(i.target) === 'cli').map((i) => `${i.file}: ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('nothing under src/app words a message: it imports only types from src/i18n (issue 8 item 3)', () => {
    const bad = files
      .filter((f) => relative(SRC, f).startsWith('app'))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/^\s*import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]*i18n[^'"]*)['"]/gm)]
          .filter((m) => !m[1] && m[2].split(',').some((n) => n.trim() && !n.trim().startsWith('type ')))
          .map((m) => `${relative(SRC, f)}: ${m[0].trim()}`),
      );
    expect(bad).toEqual([]);
  });

  it('no cycle between the top-level parts of src/', () => {
    const cycle = findCycle(edges.filter((e) => !PENDING[`${e.from}→${e.to}`]));
    expect(cycle, cycle ? edges.filter((e) => cycle.includes(`${e.from}→${e.to}`)).map((e) => `${e.file} (${e.from}→${e.to})`).join('\n') : '').toBeNull();
  });

  it('the cycle check finds a cycle when there is one', () => {
    expect(findCycle([{ from: 'a', to: 'b', file: '' }, { from: 'b', to: 'c', file: '' }, { from: 'c', to: 'a', file: '' }])).toBe('a→b→c→a');
    expect(findCycle([{ from: 'a', to: 'b', file: '' }, { from: 'a', to: 'c', file: '' }, { from: 'c', to: 'b', file: '' }])).toBeNull();
  });

  it('every pending exception is still there (delete it from PENDING once fixed)', () => {
    const pairs = new Set(edges.map((e) => `${e.from}→${e.to}`));
    for (const [edge, why] of Object.entries(PENDING)) expect(pairs.has(edge), `${edge}: ${why}`).toBe(true);
  });
});
