import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawColorIcon, drawOutlineIcon } from '../lib/draw-icons.mjs';
import { parseEnvFile } from '../lib/env-files.mjs';
import { checkColorIcon, checkOutlineIcon } from '../lib/icons.mjs';
import { fillPlaceholders, placeholdersAt } from '../lib/placeholders.mjs';
import { repoRoot } from './support.js';

describe('env files', () => {
  it('reads KEY=value lines, quotes and comments the way the Agents Toolkit writes them', () => {
    const text = [
      '# comment',
      'TEAMSFX_ENV=dev',
      'APP_NAME_SUFFIX=" (dev)"',
      "QUOTED='a # not a comment'",
      'TRAILING=value # a comment',
      'EMPTY=',
      'export EXPORTED=yes',
      'not a variable',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      TEAMSFX_ENV: 'dev',
      APP_NAME_SUFFIX: ' (dev)',
      QUOTED: 'a # not a comment',
      TRAILING: 'value',
      EMPTY: '',
      EXPORTED: 'yes',
    });
  });

  it('keeps secrets out of the committed env files', () => {
    for (const name of ['local', 'dev']) {
      const values = parseEnvFile(readFileSync(join(repoRoot, 'env', `.env.${name}`), 'utf8'));
      const secrets = Object.entries(values).filter(
        ([key, value]) => /SECRET|PASSWORD|TOKEN/.test(key) && value !== '',
      );
      expect(secrets, `env/.env.${name}`).toEqual([]);
    }
  });
});

describe('placeholders', () => {
  it('fills placeholders inside strings without breaking JSON on quotes', () => {
    const { result, missing } = fillPlaceholders({ a: ['x ${{NAME}} y'], n: 1 }, { NAME: 'say "hi"\\' });
    expect(missing).toEqual([]);
    expect(result).toEqual({ a: ['x say "hi"\\ y'], n: 1 });
  });

  it('lists each missing variable once, in order of first use', () => {
    const { missing } = fillPlaceholders({ a: '${{B}}', b: '${{A}}${{B}}' }, {});
    expect(missing).toEqual(['B', 'A']);
  });

  it('finds which variables fed a JSON pointer', () => {
    const template = { webApplicationInfo: { resource: 'api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}' } };
    expect(placeholdersAt(template, '/webApplicationInfo/resource')).toEqual([
      'TAB_DOMAIN',
      'AAD_APP_CLIENT_ID',
    ]);
    expect(placeholdersAt(template, '/nowhere/0')).toEqual([]);
  });
});

describe('icons', () => {
  it('commits the icons that scripts/lib/draw-icons.mjs draws', () => {
    expect(readFileSync(join(repoRoot, 'appPackage/color.png')).equals(drawColorIcon())).toBe(true);
    expect(readFileSync(join(repoRoot, 'appPackage/outline.png')).equals(drawOutlineIcon())).toBe(true);
  });

  it('draws icons that pass the package checks', () => {
    expect(checkColorIcon('color.png', drawColorIcon())).toEqual([]);
    expect(checkOutlineIcon('outline.png', drawOutlineIcon())).toEqual([]);
  });
});
