// What the built tab (tab/dist) was made from: a SHA-256 over the path and bytes of every input of the Vite build.
// scripts/build-tab.mjs compares it with the stamp written beside the last build and skips Vite when they match.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The build's inputs, relative to the repository: the tab, the shared package it imports, and the lockfile. */
export const TAB_BUILD_INPUTS = [
  'tab/src',
  'tab/index.html',
  'tab/vite.config.ts',
  'tab/shared-alias.ts',
  'tab/tsconfig.json',
  'tab/package.json',
  'shared/src',
  'shared/package.json',
  'package-lock.json',
];

/** @param {string} root @param {string} path */
function filesOf(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

// Tests never reach the bundle: editing one must not cost a rebuild.
/** @param {string} file */
const isTest = (file) => /\.test\.tsx?$/.test(file) || file.includes(`${sep}tab${sep}src${sep}test${sep}`);

/**
 * The stamp of the tab's sources under `root`, as a hex SHA-256.
 * @param {string} root
 */
export function tabSourceStamp(root) {
  const hash = createHash('sha256');
  for (const input of TAB_BUILD_INPUTS) {
    for (const file of filesOf(root, input)
      .filter((f) => !isTest(f))
      .sort()) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}
