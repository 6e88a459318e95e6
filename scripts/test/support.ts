// Builders for app package tests: a copy of the real appPackage/ and an env folder in a temp dir,
// so each test breaks exactly one thing and nothing touches the repository's own files.
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const goodEnv: Record<string, string> = {
  TEAMSFX_ENV: 'test',
  APP_NAME_SUFFIX: '',
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  BOT_ID: '66666666-7777-4888-9999-000000000000',
  AAD_APP_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  TAB_DOMAIN: 'bridgeline-web.azurewebsites.net',
  TAB_ENDPOINT: 'https://bridgeline-web.azurewebsites.net',
  DEVELOPER_NAME: 'Contoso',
  DEVELOPER_WEBSITE_URL: 'https://contoso.example/',
  DEVELOPER_PRIVACY_URL: 'https://contoso.example/privacy',
  DEVELOPER_TERMS_URL: 'https://contoso.example/terms',
};

export interface Fixture {
  root: string;
  appDir: string;
  envDir: string;
  outDir: string;
  writeEnv(name: string, values: Record<string, string>, file?: string): void;
  writeManifest(edit: (manifest: Record<string, unknown>) => void): void;
  writeIcon(file: string, png: Buffer): void;
  cleanup(): void;
}

export function aFixture(env: Record<string, string> = goodEnv): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'bridgeline-package-'));
  const appDir = join(root, 'appPackage');
  const envDir = join(root, 'env');
  mkdirSync(appDir);
  mkdirSync(envDir);
  for (const file of ['manifest.json', 'color.png', 'outline.png']) {
    copyFileSync(join(repoRoot, 'appPackage', file), join(appDir, file));
  }
  const fixture: Fixture = {
    root,
    appDir,
    envDir,
    outDir: join(appDir, 'build'),
    writeEnv(name, values, file = `.env.${name}`) {
      const text = Object.entries(values)
        .map(([key, value]) => `${key}="${value}"`)
        .join('\n');
      writeFileSync(join(envDir, file), `# test environment\n${text}\n`);
    },
    writeManifest(edit) {
      const path = join(repoRoot, 'appPackage', 'manifest.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      edit(manifest);
      writeFileSync(join(appDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    },
    writeIcon(file, png) {
      writeFileSync(join(appDir, file), png);
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  fixture.writeEnv('test', env);
  return fixture;
}

/** A solid square PNG of the given size and RGBA colour. */
export function aPng(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png, { colorType: 6 });
}
