#!/usr/bin/env node
// Part of `npm run build`, after `tsc -b shared bot`: copies the files tsc does not emit (the HTML and CSS of the
// sandbox's phone page) from bot/src to the same place under bot/dist, where the built server reads them.
import console from 'node:console';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ASSETS = new Set(['.html', '.css']);
const src = fileURLToPath(new URL('../bot/src', import.meta.url));
const dist = fileURLToPath(new URL('../bot/dist', import.meta.url));

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !ASSETS.has(extname(entry.name))) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(dist, relative(src, from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  copied += 1;
}
// Silent on success, like tsc; none found means the sources moved and the built page would be missing.
if (copied === 0) {
  console.error(
    `copy-bot-assets: no ${[...ASSETS].join(' or ')} files under ${relative(process.cwd(), src)}`,
  );
  process.exitCode = 1;
}
