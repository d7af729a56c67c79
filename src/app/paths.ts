/** Where the package's own files (templates/, fixtures/) are, whether run from src (tests) or dist. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package root not found above ${from}`);
    dir = up;
  }
}

export const packageRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const templatesDir = path.join(packageRoot, 'templates');
export const fixturesDir = path.join(packageRoot, 'fixtures');
