// Validates a Teams manifest against the official JSON schema shipped inside @microsoft/app-manifest.
// Offline by construction: the schema file must exist in the package, otherwise we fail instead of
// letting the library fall back to downloading it.
import appManifest from '@microsoft/app-manifest';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const { AppManifestUtils } = appManifest;
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[^/]+)\/MicrosoftTeams\.schema\.json$/;
const schemasDir = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')),
  'json-schemas',
  'teams',
);

/** Teams schema versions available offline, e.g. ['v1.22', …, 'v1.30']. */
export function offlineSchemaVersions() {
  return readdirSync(schemasDir)
    .filter((v) => /^v\d+\.\d+$/.test(v))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * @param {Record<string, unknown>} manifest filled manifest
 * @returns {Promise<{ pointer: string, message: string }[]>} empty when valid
 */
export async function validateAgainstSchema(manifest) {
  const url = typeof manifest.$schema === 'string' ? manifest.$schema : '';
  const version = SCHEMA_URL.exec(url)?.[1];
  if (!version || !existsSync(join(schemasDir, version, 'MicrosoftTeams.schema.json'))) {
    const known = offlineSchemaVersions();
    return [
      {
        pointer: '/$schema',
        message:
          `must be https://developer.microsoft.com/json-schemas/teams/<version>/MicrosoftTeams.schema.json ` +
          `for a version @microsoft/app-manifest ships offline (${known[0]} … ${known.at(-1)}), got "${url}"`,
      },
    ];
  }
  // fetchSchema reads the local copy when it exists (checked above) and repairs the schema's
  // \a and \v escapes that ajv cannot compile.
  const schema = await AppManifestUtils.fetchSchema(url);
  const failures = await AppManifestUtils.validateAgainstSchema(
    /** @type {Parameters<typeof AppManifestUtils.validateAgainstSchema>[0]} */ (
      /** @type {unknown} */ (manifest)
    ),
    schema,
  );
  return [...new Set(failures)].map(parseFailure);
}

/**
 * The library reports "<pointer> <ajv message>. Details: <params JSON>"; keep the message and the one
 * detail a reader needs (which property, which values), drop the rest.
 * @param {string} failure
 */
function parseFailure(failure) {
  const [head = '', details = ''] = failure.split('. Details: ');
  const space = head.indexOf(' ');
  const pointer = (space < 0 ? head : head.slice(0, space)) || '/';
  let message = space < 0 ? 'is invalid' : head.slice(space + 1);
  try {
    const params = details ? JSON.parse(details) : {};
    if (params.additionalProperty) message += ` ("${params.additionalProperty}")`;
    if (Array.isArray(params.allowedValues)) message += `: ${params.allowedValues.join(', ')}`;
    if (params.allowedValue !== undefined) message += `: ${JSON.stringify(params.allowedValue)}`;
  } catch {
    // Details are a courtesy; the message alone still names the field.
  }
  return { pointer, message };
}
