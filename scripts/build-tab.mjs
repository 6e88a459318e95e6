#!/usr/bin/env node
// Part of `npm run build`: builds the tab with Vite unless tab/dist was built from exactly the sources here now.
// `npm start` builds every time; a second start with nothing changed then costs a hash of the sources (tens of
// milliseconds) instead of a Vite build (about 10 s on two cores). `BRIDGELINE_REBUILD_TAB=1` forces a build.
import console from 'node:console';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { tabSourceStamp } from './lib/tab-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'tab', 'dist');
const stampFile = join(dist, '.build-stamp');

const stamp = tabSourceStamp(root);
const built =
  existsSync(join(dist, 'index.html')) && existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (built !== stamp || process.env.BRIDGELINE_REBUILD_TAB === '1') {
  const result = spawnSync('npm', ['run', 'build', '-w', 'tab', '--if-present'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('build-tab: the tab did not build (see above)');
    process.exit(result.status ?? 1);
  }
  // Written last: a build that failed halfway leaves no stamp, so the next start builds again.
  writeFileSync(stampFile, stamp);
}
