/** The tool's version, recorded in every month's manifest. Read from package.json once. */
import { readFileSync } from 'node:fs';
import { packageRoot } from './paths.js';
import path from 'node:path';

export const TOOL_VERSION: string = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version;
