/** `jixiao init`: a new workspace with the default policy file, the ledger and its folders. */
import path from 'node:path';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { initWorkspace } from './workspace.js';
import { defaultPolicyText } from '../policy/files.js';
import { TOOL_VERSION } from './version.js';
import { asIssue, type Issue } from '../issues.js';
import { templatesDir } from './paths.js';

export interface InitResult {
  ok: boolean;
  dir: string;
  created: string[];
  /** Why the workspace was not made (empty when ok). */
  issues: Issue[];
}

export async function runInit(dir: string): Promise<InitResult> {
  const r = initWorkspace(dir, { policyText: defaultPolicyText(), toolVersion: TOOL_VERSION });
  if (!r.ok) return { ok: false, dir, created: [], issues: [asIssue(r)] };
  return { ok: true, dir: r.workspace.root, created: [...r.created, ...copyLetterTemplates(r.workspace.root)], issues: [] };
}

/**
 * The letter templates become the workspace's own (templates/letters/): HR edits them in Word
 * or WPS, and the workspace's copy wins. Never overwritten ('wx'-like COPYFILE_EXCL): an
 * upgrade of jixiao does not touch a template HR has edited.
 */
function copyLetterTemplates(root: string): string[] {
  const from = path.join(templatesDir, 'letters');
  const to = path.join(root, 'templates', 'letters');
  const created: string[] = [];
  let names: string[];
  try {
    names = readdirSync(from).filter((n) => n.endsWith('.docx'));
  } catch {
    return created;
  }
  mkdirSync(to, { recursive: true });
  for (const n of names) {
    try {
      copyFileSync(path.join(from, n), path.join(to, n), 1 /* COPYFILE_EXCL */);
      created.push(`templates/letters/${n}`);
    } catch {
      /* already there: the workspace's own copy stays */
    }
  }
  return created;
}
