/**
 * First and second start (issue 17): `npm start` on a fresh clone right after `npm ci`, to the first 200 from
 * `/readyz`, then the same again with nothing changed (the build is skipped: tsc -b is incremental and the tab's
 * Vite build is stamped, scripts/build-tab.mjs). Targets: first ≤ 45 s, second ≤ 10 s.
 * The clone is of the committed HEAD (`git clone --local`), its node_modules hard-linked from this checkout's (what
 * `npm ci` would have written), with an empty DATA_DIR: the first start builds everything and migrates the embedded
 * database from nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { recordResult } from './support/results.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WORK = path.join(ROOT, '.tmp', 'startup-bench');
const CLONE = path.join(WORK, 'clone');
const MODULE_FOLDERS = ['node_modules', 'shared/node_modules', 'bot/node_modules', 'tab/node_modules'];
const READY_WITHIN_MS = 240_000;

function exec(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function untilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = performance.now() + READY_WITHIN_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited with ${child.exitCode} before /readyz answered`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/readyz did not answer 200 within ${READY_WITHIN_MS / 1000} s`);
}

/** `npm start` in the clone, timed from spawn to the first 200 from /readyz; the process group is stopped after. */
async function timedStart(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: CLONE,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(WORK, 'data'),
      LOG_LEVEL: 'warn',
    },
  });
  try {
    await untilReady(`http://127.0.0.1:${port}/readyz`, child);
    return (performance.now() - started) / 1000;
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  }
}

export async function run(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  exec('git', ['clone', '--quiet', '--local', '--no-hardlinks', ROOT, CLONE], WORK);
  for (const folder of MODULE_FOLDERS) {
    if (existsSync(path.join(ROOT, folder)))
      exec('cp', ['-al', path.join(ROOT, folder), path.join(CLONE, folder)], ROOT);
  }
  try {
    const first = await timedStart();
    const second = await timedStart();
    console.log('\nStart to /readyz (npm start on a fresh clone after npm ci; then again, nothing changed)');
    console.log(`  first start   ${first.toFixed(1)} s   (target ≤ 45 s)`);
    console.log(`  second start  ${second.toFixed(1)} s   (target ≤ 10 s)`);
    recordResult({
      name: 'startup',
      target: 'first start ≤ 45 s, second ≤ 10 s (npm start → /readyz after npm ci on a fresh clone)',
      value: first,
      unit: 's',
      figures: { firstSeconds: first, secondSeconds: second },
    });
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}
