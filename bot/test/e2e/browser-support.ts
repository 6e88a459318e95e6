import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TAB_DIST = path.join(ROOT, 'tab', 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the tab (production bundle) unless tab/dist is newer than every source file. The bot-e2e project does it
 * before any file runs (tab-build.global-setup.ts); the browser test asks again, which then costs nothing.
 */
export async function ensureTabBuilt(): Promise<string> {
  const index = path.join(TAB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'tab', 'src')),
    statSync(path.join(ROOT, 'tab', 'index.html')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    await promisify(execFile)('npm', ['run', 'build', '--silent', '-w', 'tab'], { cwd: ROOT });
  }
  return TAB_DIST;
}

/** Debian's Chromium, headless, with a fresh profile (Playwright gives each launch its own user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** Screenshots of an earlier failed run would mislead whoever looks next. */
export function removeFailureShots(): void {
  if (!existsSync(ARTIFACTS)) return;
  for (const name of readdirSync(ARTIFACTS)) {
    if (name.includes('failure-')) rmSync(path.join(ARTIFACTS, name));
  }
}
