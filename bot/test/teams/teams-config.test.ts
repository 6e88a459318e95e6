import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ConfigError, LOCAL_TEAMS_APP_ID, loadConfig } from '../../src/config.js';
import { tabOf } from '../../src/teams/teams.module.js';

const APP_ID = '5e0c7a1d-3b2f-4c8e-9d6a-1f2e3d4c5b6a';
const BOT = { BOT_ID: 'b1d9e11e-0000-4000-8000-000000000002', BOT_PASSWORD: 'secret', BOT_TENANT_ID: APP_ID };

describe('TEAMS_APP_ID', () => {
  it('is the app id cards link into', () => {
    expect(tabOf(loadConfig({ TEAMS_APP_ID: APP_ID, ...BOT }))).toEqual({ appId: APP_ID, entityId: 'inbox' });
  });

  it('defaults to the local placeholder of env/.env.local when the bot is not configured', () => {
    expect(loadConfig({}).teamsAppId).toBe(LOCAL_TEAMS_APP_ID);
    expect(loadConfig({ TEAMS_APP_ID: '' }).teamsAppId).toBe(LOCAL_TEAMS_APP_ID);
  });

  it('matches the value env/.env.local gives the manifest', async () => {
    const local = await readFile(new URL('../../../env/.env.local', import.meta.url), 'utf8');
    expect(local).toMatch(new RegExp(`^TEAMS_APP_ID=${LOCAL_TEAMS_APP_ID}$`, 'm'));
  });

  it('is required when BOT_ID is set, with one line naming it', () => {
    expect(() => loadConfig(BOT)).toThrow(
      new ConfigError(
        'TEAMS_APP_ID: required when BOT_ID is set (the manifest\'s "id"; cards link into the tab with it)',
      ),
    );
  });

  it('must be a GUID', () => {
    expect(() => loadConfig({ TEAMS_APP_ID: 'bridgeline', ...BOT })).toThrow(
      new ConfigError(
        'TEAMS_APP_ID: expected the Teams app id (the manifest\'s "id"), a GUID (got "bridgeline")',
      ),
    );
  });
});

describe('BOT_TYPE', () => {
  it('is read in any case, as botbuilder reads it (infra/azure.bicep writes UserAssignedMsi)', () => {
    const msi = loadConfig({ ...BOT, BOT_PASSWORD: '', TEAMS_APP_ID: APP_ID, BOT_TYPE: 'UserAssignedMsi' });
    expect(msi.env.BOT_TYPE).toBe('UserAssignedMSI');
    expect(loadConfig({ ...BOT, TEAMS_APP_ID: APP_ID, BOT_TYPE: 'singletenant' }).env.BOT_TYPE).toBe(
      'SingleTenant',
    );
  });

  it('refuses an unknown type', () => {
    expect(() => loadConfig({ ...BOT, TEAMS_APP_ID: APP_ID, BOT_TYPE: 'Tenantless' })).toThrow(/^BOT_TYPE: /);
  });
});
