/**
 * The bundled policy template. This is the one place in the policy code that reads a file:
 * templates/policy.yaml, found relative to the package root (works from src/ under vitest/tsx
 * and from dist/ after the build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json and templates/ — searched upward from this module. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates', 'policy.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('jixiao package root not found (templates/policy.yaml missing)');
}

export const defaultPolicyPath = (): string => join(packageRoot(), 'templates', 'policy.yaml');

/** Text of the default policy file (UTF-8). */
export function defaultPolicyText(): string {
  return readFileSync(defaultPolicyPath(), 'utf8');
}
