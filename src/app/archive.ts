/**
 * The verified archive (issue 10 §3). An input is read once into memory; the same bytes are
 * hashed, checked and archived, so a file changing while jixiao works cannot make the archive
 * differ from what was checked. An entry is written to a temporary file, flushed (fsync) and
 * renamed into place: a crash leaves no half-written entry under a full file's name. An
 * existing entry is trusted only when its own hash matches its name; otherwise it is rewritten.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { nodeWriteFs, type WriteFs } from '../sheets/write.js';

export interface Archived {
  /** Absolute path of the archive entry. */
  path: string;
  /** false: an intact entry with these bytes was there already. */
  wrote: boolean;
  /** true: an entry was there under this name but its bytes did not match (truncated, altered) and was rewritten. */
  repaired: boolean;
}

export const sha256Of = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Archive `bytes` (whose SHA-256 is `sha256`) as archive/<sha256><ext>. System errors are thrown (disk full …). */
export async function archiveBytes(
  archiveDir: string,
  sha256: string,
  ext: string,
  bytes: Uint8Array,
  o: { fs?: Partial<WriteFs> } = {},
): Promise<Archived> {
  const fs: WriteFs = { ...nodeWriteFs, ...o.fs };
  if (sha256Of(bytes) !== sha256) throw new TypeError('archiveBytes: the bytes do not have the given SHA-256');
  const target = path.join(archiveDir, `${sha256}${ext}`);
  let repaired = false;
  if (await fs.exists(target)) {
    const existing = await readFile(target).catch(() => null);
    if (existing && sha256Of(existing) === sha256) return { path: target, wrote: false, repaired: false };
    repaired = true;
  }
  await fs.mkdir(archiveDir);
  const tmp = path.join(archiveDir, `.jixiao-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.sync(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.remove(tmp).catch(() => {});
    throw e;
  }
  return { path: target, wrote: true, repaired };
}
