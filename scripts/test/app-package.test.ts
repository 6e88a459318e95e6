import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppPackageError, buildAppPackage } from '../lib/app-package.mjs';
import { aFixture, aPng, goodEnv, repoRoot, type Fixture } from './support.js';

let fixture: Fixture;
afterEach(() => fixture?.cleanup());

function build(f: Fixture, envName = 'test', fallback: Record<string, string> = {}) {
  return buildAppPackage({ appDir: f.appDir, envDir: f.envDir, envName, outDir: f.outDir, fallback });
}

/** The problems a failing build reports, one line each. */
async function problemsOf(f: Fixture, envName = 'test'): Promise<string[]> {
  try {
    await build(f, envName);
  } catch (error) {
    if (error instanceof AppPackageError) return error.problems;
    throw error;
  }
  throw new Error('expected the build to fail');
}

describe('a good package', () => {
  it('puts manifest.json, color.png and outline.png at the zip root with every placeholder filled', async () => {
    fixture = aFixture();
    const { zipPath } = await build(fixture);

    expect(zipPath).toBe(join(fixture.outDir, 'appPackage.test.zip'));
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(manifest.id).toBe(goodEnv.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(goodEnv.BOT_ID);
    // Teams fills {theme} itself, so the tab's first paint has the member's theme (docs/tab.md).
    expect(manifest.staticTabs[0].contentUrl).toBe('https://bridgeline-web.azurewebsites.net/?theme={theme}');
    expect(manifest.validDomains).toEqual(['bridgeline-web.azurewebsites.net']);
    expect(manifest.webApplicationInfo).toEqual({
      id: goodEnv.AAD_APP_CLIENT_ID,
      resource: `api://bridgeline-web.azurewebsites.net/${goodEnv.AAD_APP_CLIENT_ID}`,
    });
  });

  it('declares the personal bot with the help and threads commands', async () => {
    fixture = aFixture();
    const { manifest } = await build(fixture);
    const [bot] = manifest.bots as { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    expect(bot!.scopes).toEqual(['personal']);
    expect(bot!.commandLists[0]!.commands.map((c) => c.title)).toEqual(['help', 'threads']);
  });

  it('builds the same bytes twice from the same inputs', async () => {
    fixture = aFixture();
    const first = readFileSync((await build(fixture)).zipPath);
    const second = readFileSync((await build(fixture)).zipPath);
    expect(second.equals(first)).toBe(true);
  });

  it('lets .env.<name>.user override the shared env file', async () => {
    fixture = aFixture();
    fixture.writeEnv('test', { BOT_ID: '12345678-1234-4234-8234-123456789abc' }, '.env.test.user');
    const { manifest } = await build(fixture);
    expect((manifest.bots as { botId: string }[])[0]!.botId).toBe('12345678-1234-4234-8234-123456789abc');
  });

  it('takes a value from the fallback (process env) only when the env files leave it empty', async () => {
    fixture = aFixture({ ...goodEnv, BOT_ID: '' });
    const fromPipeline = '12345678-1234-4234-8234-123456789abc';
    const { manifest } = await build(fixture, 'test', { BOT_ID: fromPipeline, TEAMS_APP_ID: 'ignored' });
    expect((manifest.bots as { botId: string }[])[0]!.botId).toBe(fromPipeline);
    expect(manifest.id).toBe(goodEnv.TEAMS_APP_ID);
  });

  it('builds the shipped local environment offline', async () => {
    fixture = aFixture();
    const { manifest } = await buildAppPackage({
      appDir: join(repoRoot, 'appPackage'),
      envDir: join(repoRoot, 'env'),
      envName: 'local',
      outDir: fixture.outDir,
    });
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.name).toMatchObject({ short: 'Bridgeline (local)' });
  });
});

describe('a broken package', () => {
  it('rejects a package whose bot id is not a GUID, naming the field and the variable it came from', async () => {
    fixture = aFixture({ ...goodEnv, BOT_ID: 'my-bot' });
    const problems = await problemsOf(fixture);
    expect(problems).toEqual([
      'manifest.json: /bots/0/botId must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$" ' +
        '(value from BOT_ID in env/.env.test)',
    ]);
  });

  it('rejects a package whose app id is not a GUID', async () => {
    fixture = aFixture({ ...goodEnv, TEAMS_APP_ID: '1234' });
    expect(await problemsOf(fixture)).toEqual([
      expect.stringMatching(/^manifest\.json: \/id must match pattern/),
    ]);
  });

  it('names every placeholder left without a value, one line each', async () => {
    const { TAB_DOMAIN: _domain, AAD_APP_CLIENT_ID: _client, ...rest } = goodEnv;
    fixture = aFixture({ ...rest, AAD_APP_CLIENT_ID: '' });
    expect(await problemsOf(fixture)).toEqual([
      'manifest.json: ${{TAB_DOMAIN}} has no value; set TAB_DOMAIN in env/.env.test',
      'manifest.json: ${{AAD_APP_CLIENT_ID}} has no value; set AAD_APP_CLIENT_ID in env/.env.test',
    ]);
  });

  it('requires a _SUFFIX variable to be declared, even though it may be empty', async () => {
    const { APP_NAME_SUFFIX: _suffix, ...rest } = goodEnv;
    fixture = aFixture(rest);
    expect(await problemsOf(fixture)).toEqual([
      'manifest.json: ${{APP_NAME_SUFFIX}} has no value; set APP_NAME_SUFFIX in env/.env.test',
    ]);
  });

  it('rejects a package whose outline icon is not 32×32', async () => {
    fixture = aFixture();
    fixture.writeIcon('outline.png', aPng(64, [255, 255, 255, 0]));
    expect(await problemsOf(fixture)).toEqual(['outline.png: must be 32×32 pixels, is 64×64']);
  });

  it('rejects a package whose colour icon is not 192×192', async () => {
    fixture = aFixture();
    fixture.writeIcon('color.png', aPng(96, [14, 110, 92, 255]));
    expect(await problemsOf(fixture)).toEqual(['color.png: must be 192×192 pixels, is 96×96']);
  });

  it('rejects an outline icon with coloured pixels', async () => {
    fixture = aFixture();
    fixture.writeIcon('outline.png', aPng(32, [14, 110, 92, 255]));
    expect(await problemsOf(fixture)).toEqual([
      'outline.png: must be white on transparent; pixel (0, 0) is rgba(14, 110, 92, 255)',
    ]);
  });

  it('rejects an outline icon without a transparent background', async () => {
    fixture = aFixture();
    fixture.writeIcon('outline.png', aPng(32, [255, 255, 255, 255]));
    expect(await problemsOf(fixture)).toEqual([
      'outline.png: must have a transparent background; no pixel is transparent',
    ]);
  });

  it('rejects an icon file that is not a PNG', async () => {
    fixture = aFixture();
    fixture.writeIcon('color.png', Buffer.from('GIF89a'));
    expect(await problemsOf(fixture)).toEqual([expect.stringMatching(/^color\.png: is not a readable PNG/)]);
  });

  it('rejects a manifest whose icon file is missing', async () => {
    fixture = aFixture();
    fixture.writeManifest((m) => {
      m.icons = { color: 'colour.png', outline: 'outline.png' };
    });
    expect(await problemsOf(fixture)).toEqual([
      expect.stringMatching(/^manifest\.json: \/icons\/color names colour\.png, which is not in /),
    ]);
  });

  it('rejects a property the schema does not know, naming it', async () => {
    fixture = aFixture();
    fixture.writeManifest((m) => {
      m.botz = [];
    });
    expect(await problemsOf(fixture)).toEqual([
      'manifest.json: / must NOT have additional properties ("botz")',
    ]);
  });

  it('rejects a missing required field', async () => {
    fixture = aFixture();
    fixture.writeManifest((m) => {
      delete m.accentColor;
    });
    expect(await problemsOf(fixture)).toEqual(["manifest.json: / must have required property 'accentColor'"]);
  });

  it('refuses a schema version that is not available offline instead of downloading it', async () => {
    fixture = aFixture();
    fixture.writeManifest((m) => {
      m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json';
    });
    expect(await problemsOf(fixture)).toEqual([
      expect.stringMatching(
        /^manifest\.json: \/\$schema must be .* for a version @microsoft\/app-manifest ships offline/,
      ),
    ]);
  });

  it('rejects a tab whose page is on a domain that validDomains does not list', async () => {
    fixture = aFixture({ ...goodEnv, TAB_ENDPOINT: 'https://elsewhere.example' });
    expect(await problemsOf(fixture)).toEqual([
      'manifest.json: /staticTabs/0/contentUrl is on elsewhere.example, which /validDomains does not list',
      'manifest.json: /staticTabs/0/websiteUrl is on elsewhere.example, which /validDomains does not list',
    ]);
  });

  it('names the known environments when the requested one does not exist', async () => {
    fixture = aFixture();
    expect(await problemsOf(fixture, 'prod')).toEqual([
      'env/.env.prod not found (environments: test); create it or pick another, e.g. npm run package -- local',
    ]);
  });

  it('reports every problem of one build together', async () => {
    fixture = aFixture({ ...goodEnv, BOT_ID: 'my-bot' });
    fixture.writeIcon('outline.png', aPng(16, [255, 255, 255, 0]));
    const problems = await problemsOf(fixture);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/\/bots\/0\/botId/);
    expect(problems[1]).toBe('outline.png: must be 32×32 pixels, is 16×16');
  });
});
