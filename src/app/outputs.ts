/**
 * The out/ layout and the file registry (issue 10 §2): the ledger decides, files follow.
 *
 * Everything jixiao writes under out/ is the rendering of something the ledger holds, called a
 * *product* here with a revision number: 'close/2026-10' (summary, payroll, 补发扣回 — the month's
 * close revision), 'letters/2026-10' (warning letters and plans, same revision), 'slips/2026-10',
 * 'report/2026Q4', 'targets/2026' (the split's version). One layout for all of them:
 *
 *   out/2026-10/绩效汇总-2026-10.xlsx          the current revision under its plain name
 *   out/2026-10/第1版/绩效汇总-2026-10.xlsx    earlier revisions in a 第N版/ folder beside it
 *   out/2026-10/移出-2026-11-30/…             files no revision explains, moved aside (reported)
 *
 * Every file written is registered in the ledger (output_files: path, SHA-256, product,
 * revision). That tells a rendering from a file a person has since edited:
 *  - registered, hash matches: jixiao's own file; an earlier revision's is moved into 第N版/;
 *  - registered, hash differs: edited (a letter corrected in Word): never moved, overwritten or
 *    deleted; the new file goes beside it as "名字(第N版).ext" and the edited one is reported;
 *  - not registered: moved aside into a dated 移出-YYYY-MM-DD/ folder and reported, never kept as
 *    the result and never deleted.
 *
 * Every writer calls publishOutputs, inside the workspace lock, after the ledger holds what the
 * files render. Order: all temporary files written and flushed → each target registered, then
 * renamed into place. A crash leaves at worst a temporary file (removed by the next close), or a
 * registered file not yet in place (`check` reports it, the next close rebuilds it).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from './context.js';
import { asIssue, type Issue } from '../issues.js';
import type { OutputFile } from '../ledger/index.js';
import { nodeWriteFs, writeFailure, type WriteFs } from '../sheets/write.js';
import { processAlive } from './lock.js';
import { crashPoint } from './crash.js';

export interface OutputSpec {
  /** Relative to out/, '/' separators: '2026-10/警告函/2026-10_警告信_1044_张三.docx'. */
  rel: string;
  content: Uint8Array | string;
}

export interface PublishResult {
  ok: boolean;
  /** The revision published (given, or the next one of the product). */
  revision: number;
  /** Absolute paths of the files that now hold this revision, in the order given. */
  files: string[];
  /** Those of them written by this call (the others already held these bytes). */
  written: string[];
  issues: Issue[];
}

/** The folder for earlier revisions, beside the current file. */
export const revisionFolder = (revision: number): string => `第${revision}版`;
const REVISION_DIR = /^第(\d+)版$/;
/** The dated folder for files no revision explains. */
export const asideFolder = (now: string): string => `移出-${now.slice(0, 10)}`;
/** Our temporary files (src/sheets/write.ts and this module): `.jixiao-<pid>-<random>.tmp|bak`. */
const TEMP_NAME = /^\.jixiao-(\d+)-[0-9a-f]+\.(tmp|bak)$/;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const toBytes = (c: Uint8Array | string): Uint8Array => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
/** Registry key: relative to the workspace root, '/' separators. */
const keyOf = (ctx: Context, abs: string): string => path.relative(ctx.ws.root, abs).split(path.sep).join('/');
const absOf = (ctx: Context, key: string): string => path.join(ctx.ws.root, ...key.split('/'));
const outAbs = (ctx: Context, rel: string): string => path.join(ctx.ws.out, ...rel.split('/'));
const inRevisionFolder = (abs: string): boolean => REVISION_DIR.test(path.basename(path.dirname(abs)));

function fileHash(p: string): string | null {
  try {
    if (!fs.lstatSync(p).isFile()) return null;
    return sha256(fs.readFileSync(p));
  } catch {
    return null;
  }
}

/** "警告信.docx" + 2 → "警告信(第2版).docx": a new file beside an edited one; "-2" … if taken. */
function besideName(target: string, revision: number): string {
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  let candidate = `${stem}(${revisionFolder(revision)})${ext}`;
  for (let i = 2; fs.existsSync(candidate); i++) candidate = `${stem}(${revisionFolder(revision)}-${i})${ext}`;
  return candidate;
}

/** A free path for `name` inside `dir` ("a.xlsx", then "a-2.xlsx" …). */
function freePath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let p = path.join(dir, name);
  for (let i = 2; fs.existsSync(p); i++) p = path.join(dir, `${stem}-${i}${ext}`);
  return p;
}

const tempPath = (target: string): string => path.join(path.dirname(target), `.jixiao-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);

/** The registry entry of the file at `rel` (relative to out/), or null. */
export const outputAt = (ctx: Context, rel: string): OutputFile | null => ctx.ledger.outputFile(keyOf(ctx, outAbs(ctx, rel)));

/** The latest revision of a product that has files registered (0 = none). */
export function lastRevision(ctx: Context, product: string): number {
  return ctx.ledger.outputsOf(product).reduce((n, f) => Math.max(n, f.revision), 0);
}

/** Move a registered, unedited file of an earlier revision into the 第N版/ folder beside it. */
function retire(ctx: Context, abs: string, reg: OutputFile): string {
  const dest = freePath(path.join(path.dirname(abs), revisionFolder(reg.revision)), path.basename(abs));
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  ctx.ledger.moveOutput(keyOf(ctx, abs), keyOf(ctx, dest));
  fs.renameSync(abs, dest);
  return dest;
}

function moveAside(abs: string, now: string): string {
  const dest = freePath(path.join(path.dirname(abs), asideFolder(now)), path.basename(abs));
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.renameSync(abs, dest);
  return dest;
}

/**
 * Write the files of one revision of a product into the layout (see the top of this file).
 * `revision` 'next': the product's last revision when every file already holds these bytes,
 * else one more (a report written again after new months closed). `complete`: `files` is the
 * product's whole revision, so files of earlier revisions still under plain names (a letter
 * that no longer applies, an earlier 补发扣回) move into their 第N版/ folder too.
 */
export async function publishOutputs(
  ctx: Context,
  o: { product: string; revision: number | 'next'; files: OutputSpec[]; now: string; complete: boolean; fs?: Partial<WriteFs> },
): Promise<PublishResult> {
  const wfs: WriteFs = { ...nodeWriteFs, ...o.fs };
  const items = o.files.map((f) => {
    const bytes = toBytes(f.content);
    return { target: outAbs(ctx, f.rel), bytes, hash: sha256(bytes), tmp: '' };
  });
  const same = (it: (typeof items)[number]) => ctx.ledger.outputFile(keyOf(ctx, it.target))?.sha256 === it.hash && fileHash(it.target) === it.hash;
  const last = lastRevision(ctx, o.product);
  const revision = o.revision !== 'next' ? o.revision : last > 0 && items.every(same) ? last : last + 1;
  const issues: Issue[] = [];
  let current = items[0]?.target ?? ctx.ws.out;
  const cleanup = async () => {
    for (const it of items)
      if (it.tmp) {
        await wfs.remove(it.tmp).catch(() => {});
        it.tmp = '';
      }
  };
  // 1. every temporary file, flushed: nothing visible has changed yet
  try {
    for (const it of items) {
      current = it.target;
      await wfs.mkdir(path.dirname(it.target));
      it.tmp = tempPath(it.target);
      await wfs.writeFile(it.tmp, it.bytes);
      await wfs.sync(it.tmp);
    }
  } catch (e) {
    await cleanup();
    return { ok: false, revision, files: [], written: [], issues: [asIssue(writeFailure(current, e))] };
  }
  crashPoint('publish:after-temp');
  // 2. each target: make room (earlier revision → 第N版/, unexplained → aside, edited → kept), register, rename
  const files: string[] = [];
  const written: string[] = [];
  for (const it of items) {
    try {
      current = it.target;
      let target = it.target;
      const reg = ctx.ledger.outputFile(keyOf(ctx, target));
      const hash = fileHash(target);
      if (hash !== null && reg && hash === reg.sha256) {
        if (hash === it.hash) {
          // already these bytes (a rerun): keep the file, note the revision it now renders
          await wfs.remove(it.tmp);
          it.tmp = '';
          if (reg.product !== o.product || reg.revision !== revision) ctx.ledger.registerOutput({ ...reg, product: o.product, revision });
          files.push(target);
          continue;
        }
        // jixiao's own file of another revision goes into its 第N版/; of this revision it is re-rendered in place
        if (reg.revision !== revision || reg.product !== o.product) retire(ctx, target, reg);
      } else if (hash !== null && reg) {
        const beside = besideName(target, revision);
        const ext = path.extname(target);
        const done = `${target.slice(0, target.length - ext.length)}(${revisionFolder(revision)})${ext}`;
        if (fileHash(done) === it.hash && ctx.ledger.outputFile(keyOf(ctx, done))?.sha256 === it.hash) {
          // the new file was put beside the edited one by an earlier run already
          await wfs.remove(it.tmp);
          it.tmp = '';
          files.push(done);
          continue;
        }
        target = beside;
        issues.push({ code: 'output.edited_kept', severity: 'warning', file: it.target, params: { file: it.target, beside: target } });
      } else if (hash !== null || fs.existsSync(target)) {
        const to = moveAside(target, o.now);
        issues.push({ code: 'output.moved_aside', severity: 'warning', file: it.target, params: { file: it.target, to } });
      }
      ctx.ledger.registerOutput({ path: keyOf(ctx, target), sha256: it.hash, bytes: it.bytes.byteLength, product: o.product, revision, writtenAt: o.now });
      await wfs.rename(it.tmp, target);
      it.tmp = '';
      files.push(target);
      written.push(target);
      crashPoint(`publish:after-rename-${written.length}`);
    } catch (e) {
      await cleanup();
      const code = (e as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !/^E[A-Z0-9_]+$/.test(code)) throw e;
      // What the files render is in the ledger: running the command again completes them.
      const f = asIssue(writeFailure(current, e));
      return { ok: false, revision, files, written, issues: [...issues, { ...f, code: `${f.code}_after_commit` as Issue['code'] }] };
    }
  }
  // 3. a complete revision: earlier revisions' files still under plain names go into their 第N版/
  if (o.complete) {
    const now = new Set(files);
    for (const f of ctx.ledger.outputsOf(o.product)) {
      const abs = absOf(ctx, f.path);
      if (f.revision >= revision || now.has(abs) || inRevisionFolder(abs)) continue;
      const h = fileHash(abs);
      if (h === f.sha256) retire(ctx, abs, f);
      else if (h !== null) issues.push({ code: 'output.edited', severity: 'warning', file: abs, params: { file: abs } });
    }
  }
  crashPoint('publish:after-renames');
  return { ok: true, revision, files, written, issues };
}

/** Files directly in `dir` (not in sub-folders). */
function filesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.isDirectory())
      .map((d) => path.join(dir, d.name));
  } catch {
    return [];
  }
}

/** `dir` and its 第N版/ sub-folders. */
function withRevisionFolders(dir: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [dir];
  }
  return [dir, ...names.filter((n) => REVISION_DIR.test(n)).map((n) => path.join(dir, n))];
}

export interface RepairResult {
  /** Files rebuilt from the ledger (missing: a crash, a deletion by hand). */
  rebuilt: string[];
  movedAside: string[];
  issues: Issue[];
}

/**
 * Bring a product's folders in line with the registry (after a crash, or files deleted or added
 * by hand): our temporary files left by a process that ended are removed; files nobody
 * registered are moved aside; registered files that are missing are rebuilt with
 * `render(revision)` (matched by name). `folders` are relative to out/. Inside the workspace lock.
 */
export async function repairOutputs(
  ctx: Context,
  o: { product: string; folders: string[]; now: string; render: (revision: number) => Promise<OutputSpec[]> },
): Promise<RepairResult> {
  const res: RepairResult = { rebuilt: [], movedAside: [], issues: [] };
  const known = new Set(ctx.ledger.allOutputs().map((f) => f.path));
  for (const d of o.folders.flatMap((f) => withRevisionFolders(outAbs(ctx, f))))
    for (const f of filesIn(d)) {
      const m = TEMP_NAME.exec(path.basename(f));
      if (m) {
        if (Number(m[1]) === process.pid || !processAlive(Number(m[1]))) fs.rmSync(f, { force: true });
        continue;
      }
      if (known.has(keyOf(ctx, f))) continue;
      const to = moveAside(f, o.now);
      res.movedAside.push(to);
      res.issues.push({ code: 'output.moved_aside', severity: 'warning', file: f, params: { file: f, to } });
    }
  const missing = new Map<number, OutputFile[]>();
  for (const e of ctx.ledger.outputsOf(o.product)) if (!fs.existsSync(absOf(ctx, e.path))) missing.set(e.revision, [...(missing.get(e.revision) ?? []), e]);
  for (const [revision, lost] of missing) {
    const specs = await o.render(revision);
    for (const e of lost) {
      const abs = absOf(ctx, e.path);
      // a file beside an edited one has the 第N版 suffix in its name; the rendering has the plain name
      const name = path.basename(abs).replace(/\(第\d+版(-\d+)?\)(?=\.[^.]+$)/, '');
      const spec = specs.find((s) => path.basename(outAbs(ctx, s.rel)) === name);
      if (!spec) continue;
      const bytes = toBytes(spec.content);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      const tmp = tempPath(abs);
      const fd = fs.openSync(tmp, 'wx');
      try {
        fs.writeFileSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      ctx.ledger.registerOutput({ ...e, sha256: sha256(bytes), bytes: bytes.byteLength, writtenAt: o.now });
      fs.renameSync(tmp, abs);
      res.rebuilt.push(abs);
    }
  }
  return res;
}

export type OutputProblemKind = 'missing' | 'edited' | 'unregistered' | 'temp_left';
export interface OutputProblem {
  kind: OutputProblemKind;
  file: string;
  product: string | null;
  revision: number | null;
}

/** What `jixiao check` reports about out/ (changes nothing): registered files missing or edited; in their folders, files nobody registered and our temporary files. */
export function inspectOutputs(ctx: Context): OutputProblem[] {
  const problems: OutputProblem[] = [];
  const all = ctx.ledger.allOutputs();
  const known = new Set(all.map((e) => e.path));
  const folders = new Set<string>();
  for (const e of all) {
    const abs = absOf(ctx, e.path);
    const dir = path.dirname(abs);
    folders.add(inRevisionFolder(abs) ? path.dirname(dir) : dir);
    const h = fileHash(abs);
    if (h === null) problems.push({ kind: 'missing', file: abs, product: e.product, revision: e.revision });
    else if (h !== e.sha256) problems.push({ kind: 'edited', file: abs, product: e.product, revision: e.revision });
  }
  for (const d of [...folders].flatMap(withRevisionFolders))
    for (const f of filesIn(d)) {
      if (TEMP_NAME.test(path.basename(f))) problems.push({ kind: 'temp_left', file: f, product: null, revision: null });
      else if (!known.has(keyOf(ctx, f))) problems.push({ kind: 'unregistered', file: f, product: null, revision: null });
    }
  return problems;
}
