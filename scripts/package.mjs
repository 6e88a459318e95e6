#!/usr/bin/env node
// npm run package [-- <env>]: builds appPackage/build/appPackage.<env>.zip from appPackage/ and env/.env.<env>.
// Offline: the manifest is validated against the schema that @microsoft/app-manifest ships.
import console from 'node:console';
import { relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { AppPackageError, buildAppPackage } from './lib/app-package.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// `npm run package -- dev`, or the toolkit's spelling `--env dev` / `--env=dev`.
const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--env' || a.startsWith('--env='));
const flag = at === -1 ? undefined : args[at];
const envName = (flag?.startsWith('--env=') ? flag.slice(6) : flag ? args[at + 1] : args[0]) || 'local';

try {
  const { zipPath, manifest, entries } = await buildAppPackage({
    appDir: `${root}appPackage`,
    envDir: `${root}env`,
    envName,
    outDir: `${root}appPackage/build`,
    fallback: process.env,
  });
  console.log(
    `${relative(process.cwd(), zipPath)}: manifest ${manifest.manifestVersion}, app ${manifest.id}, ` +
      `version ${manifest.version} (${entries.join(', ')})`,
  );
} catch (error) {
  if (!(error instanceof AppPackageError)) throw error;
  for (const line of error.problems) console.error(`error: ${line}`);
  console.error(`app package for "${envName}" not built: ${error.problems.length} problem(s)`);
  process.exitCode = 1;
}
