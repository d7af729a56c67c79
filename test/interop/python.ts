/**
 * Debian's Python with openpyxl (a second xlsx library) and uno (LibreOffice's Python
 * bridge), for the interop tests. Always /usr/bin/python3 (override: JIXIAO_PYTHON): the
 * python3 first on PATH may be a pyenv/venv one without the Debian packages.
 *
 * Scripts live in test/interop/py/ and talk JSON: arguments as one JSON document on stdin,
 * the result as one JSON document on stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PY_DIR = join(dirname(fileURLToPath(import.meta.url)), 'py');
export const PYTHON = process.env.JIXIAO_PYTHON ?? '/usr/bin/python3';

const HINT =
  'The interop tests need Debian\'s python3 with openpyxl and uno at /usr/bin/python3 (or set JIXIAO_PYTHON):\n' +
  '  sudo apt-get install -y python3-openpyxl python3-uno\n(.ci/run installs what is missing.)';

const checked = new Map<string, void>();

/** Fails (never skips) when /usr/bin/python3 cannot import the given modules. */
export function requirePython(...modules: string[]): void {
  const key = modules.join(',');
  if (checked.has(key)) return;
  const r = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${PYTHON} cannot import ${key}: ${r.error?.message ?? r.stderr}\n${HINT}`);
  checked.set(key);
}

/** Run test/interop/py/<script> with `args` as JSON on stdin; returns its JSON stdout. */
export async function runPython<T = unknown>(
  script: string,
  args: unknown,
  opts: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<T> {
  requirePython();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise<T>((resolvePromise, reject) => {
    const child = spawn(PYTHON, [join(PY_DIR, script)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(() => {
      // SIGTERM first: the UNO scripts then stop the soffice they started (own process group)
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5_000).unref();
      reject(new Error(`${script} timed out after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${e.message}\n${HINT}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${script} exited ${code}\n${stderr}\n${stdout}`));
      try {
        resolvePromise(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`${script} did not print JSON:\n${stdout}\n${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(args));
  });
}
