// Builds the Teams app package (manifest.json + icons at the zip root) for one environment, offline.
// Every problem is collected and reported as one line naming the file and the field.
import JSZip from 'jszip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { URL } from 'node:url';
import { loadEnvironment } from './env-files.mjs';
import { checkColorIcon, checkOutlineIcon } from './icons.mjs';
import { validateAgainstSchema } from './manifest-schema.mjs';
import { fillPlaceholders, placeholdersAt } from './placeholders.mjs';

export class AppPackageError extends Error {
  /** @param {string[]} problems one line each */
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'AppPackageError';
    this.problems = problems;
  }
}

/**
 * @typedef {object} BuildOptions
 * @property {string} appDir folder holding manifest.json and the icons (appPackage/)
 * @property {string} envDir folder holding .env.<name> files (env/)
 * @property {string} envName e.g. local, dev
 * @property {string} outDir where appPackage.<env>.zip goes
 * @property {Record<string, string | undefined>} [fallback] values used when the env files leave a variable
 *   unset or empty (the CLI passes process.env, so a pipeline can inject ids)
 */

/**
 * @param {BuildOptions} options
 * @returns {Promise<{ zipPath: string, manifest: Record<string, unknown>, entries: string[] }>}
 */
export async function buildAppPackage({ appDir, envDir, envName, outDir, fallback = {} }) {
  let environment;
  try {
    environment = loadEnvironment(envDir, envName);
  } catch (error) {
    throw new AppPackageError([/** @type {Error} */ (error).message]);
  }
  const envFiles = environment.files.map((f) => relative(join(envDir, '..'), f)).join(' or ');

  const template = readTemplate(join(appDir, 'manifest.json'));
  const values = {
    ...withoutEmpty(fallback),
    ...withoutEmpty(environment.values),
    ...suffixes(environment.values),
  };
  const { result, missing } = fillPlaceholders(template, values);
  if (missing.length) {
    throw new AppPackageError(
      missing.map((name) => `manifest.json: \${{${name}}} has no value; set ${name} in ${envFiles}`),
    );
  }
  const manifest = /** @type {Record<string, unknown>} */ (result);

  /** @type {string[]} */
  const problems = [];
  for (const { pointer, message } of await validateAgainstSchema(manifest)) {
    const from = placeholdersAt(template, pointer);
    const origin = from.length ? ` (value from ${from.join(', ')} in ${envFiles})` : '';
    problems.push(`manifest.json: ${pointer} ${message}${origin}`);
  }
  problems.push(...checkTabDomains(manifest));

  const icons = iconFiles(manifest);
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  for (const { pointer, file, check } of icons) {
    const path = join(appDir, file);
    if (!existsSync(path)) {
      problems.push(
        `manifest.json: ${pointer} names ${file}, which is not in ${relative(process.cwd(), appDir)}/`,
      );
      continue;
    }
    const bytes = readFileSync(path);
    problems.push(...check(file, bytes));
    files.set(file, bytes);
  }
  if (problems.length) throw new AppPackageError(problems);

  const zip = new JSZip();
  // A fixed date makes the zip byte-for-byte reproducible for the same inputs.
  const date = new Date('2025-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const [file, bytes] of files) zip.file(file, bytes, { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, bytes);
  return { zipPath, manifest, entries: ['manifest.json', ...files.keys()] };
}

/** @param {string} path */
function readTemplate(path) {
  if (!existsSync(path)) throw new AppPackageError([`manifest.json: not found at ${path}`]);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppPackageError([`manifest.json: is not valid JSON (${/** @type {Error} */ (error).message})`]);
  }
}

/** @param {Record<string, string | undefined>} values */
function withoutEmpty(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}

/** Suffixes declared empty in an env file stay empty rather than falling back. @param {Record<string, string>} values */
function suffixes(values) {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => k.endsWith('_SUFFIX') && v === ''));
}

/**
 * Icons only go in the zip when the manifest names them as plain file names (Teams reads them from the root).
 * @param {Record<string, unknown>} manifest
 */
function iconFiles(manifest) {
  const icons = /** @type {Record<string, unknown>} */ (manifest.icons ?? {});
  const wanted = [
    { key: 'color', check: checkColorIcon },
    { key: 'outline', check: checkOutlineIcon },
  ];
  return wanted
    .filter(({ key }) => typeof icons[key] === 'string')
    .map(({ key, check }) => ({ pointer: `/icons/${key}`, file: /** @type {string} */ (icons[key]), check }));
}

/**
 * Teams only loads tab pages from domains listed in validDomains; the schema cannot see that link.
 * @param {Record<string, unknown>} manifest
 */
function checkTabDomains(manifest) {
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains.map(String) : [];
  const tabs = Array.isArray(manifest.staticTabs) ? manifest.staticTabs : [];
  /** @type {string[]} */
  const problems = [];
  tabs.forEach((tab, i) => {
    for (const key of ['contentUrl', 'websiteUrl']) {
      const url = tab?.[key];
      if (typeof url !== 'string') continue;
      let host;
      try {
        host = new URL(url).host;
      } catch {
        continue; // the schema already reports a malformed URL
      }
      if (!domains.some((d) => domainMatches(d, host))) {
        problems.push(
          `manifest.json: /staticTabs/${i}/${key} is on ${host}, which /validDomains does not list`,
        );
      }
    }
  });
  return problems;
}

/** @param {string} pattern e.g. contoso.com, *.contoso.com, localhost:3978 @param {string} host */
function domainMatches(pattern, host) {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host || pattern === host.replace(/:\d+$/, '');
}
