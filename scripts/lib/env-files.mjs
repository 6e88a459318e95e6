// Reads the Agents Toolkit environment files: env/.env.<name>, then env/.env.<name>.user (secrets, ignored by git).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Parses the dotenv subset the toolkit writes: KEY=value, # comments, optional single or double quotes.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseEnvFile(text) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key = '', rest = ''] = match;
    values[key] = unquote(rest);
  }
  return values;
}

/** @param {string} value */
function unquote(value) {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return /** @type {string} */ (quoted[2]);
  // An unquoted value ends at an inline comment, as in dotenv.
  return value.replace(/\s+#.*$/, '').trim();
}

/**
 * @typedef {{ name: string, values: Record<string, string>, files: string[] }} Environment
 */

/**
 * Loads one environment; `.user` values override the shared file's.
 * @param {string} envDir
 * @param {string} name
 * @returns {Environment}
 */
export function loadEnvironment(envDir, name) {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new Error(`environment name "${name}" may only hold letters, digits, "-" and "_"`);
  }
  const main = join(envDir, `.env.${name}`);
  if (!existsSync(main)) {
    const known = listEnvironments(envDir);
    throw new Error(
      `env/.env.${name} not found (environments: ${known.length ? known.join(', ') : 'none'}); ` +
        `create it or pick another, e.g. npm run package -- local`,
    );
  }
  const files = [main];
  const user = `${main}.user`;
  if (existsSync(user)) files.push(user);
  const values = Object.assign({}, ...files.map((file) => parseEnvFile(readFileSync(file, 'utf8'))));
  return { name, values, files };
}

/** @param {string} envDir */
export function listEnvironments(envDir) {
  if (!existsSync(envDir)) return [];
  return readdirSync(envDir)
    .map((file) => /^\.env\.([A-Za-z0-9_-]+)$/.exec(file)?.[1])
    .filter((name) => name !== undefined)
    .sort();
}
