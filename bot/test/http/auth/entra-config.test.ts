import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { signIn, type SignInStore } from '../../../src/app/sign-in.use-case.js';
import type { UnitOfWork } from '../../../src/ports/index.js';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';

describe('entra settings', () => {
  it('chooses entra when the SSO app client id is set, and keeps its ids', () => {
    const c = loadConfig({ AAD_APP_CLIENT_ID: CLIENT_ID.toUpperCase(), AAD_APP_TENANT_ID: CLIENT_ID });
    expect(c.authMode).toBe('entra');
    expect(c.entra).toEqual({ clientId: CLIENT_ID, tenantId: CLIENT_ID, defaultRegion: 'us' });
  });

  it('takes the region of provisioned members from MEMBER_DEFAULT_REGION', () => {
    const c = loadConfig({ AAD_APP_CLIENT_ID: CLIENT_ID, MEMBER_DEFAULT_REGION: 'apac' });
    expect(c.entra).toEqual({ clientId: CLIENT_ID, tenantId: null, defaultRegion: 'apac' });
  });

  it('stops with one line naming AAD_APP_CLIENT_ID when entra is asked for without it', () => {
    expect(() => loadConfig({ AUTH_MODE: 'entra' })).toThrow(
      new ConfigError('AAD_APP_CLIENT_ID: required when AUTH_MODE=entra (the client id of the tab SSO app)'),
    );
  });

  it('refuses ids that are not GUIDs', () => {
    expect(() => loadConfig({ AAD_APP_CLIENT_ID: 'bridgeline' })).toThrow(/^AAD_APP_CLIENT_ID: expected/);
    expect(() => loadConfig({ AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: 'contoso.com' })).toThrow(
      /^AAD_APP_TENANT_ID: expected/,
    );
  });

  it('has no entra settings in dev mode', () => {
    expect(loadConfig({}).entra).toBeNull();
  });
});

describe('sign-in of an unknown tenant without a single-tenant id', () => {
  it('is refused without writing anything', async () => {
    const nobody = {
      members: { byEntraId: async () => null },
      tenants: { byEntraId: async () => null },
    } as unknown as SignInStore;
    const uow: UnitOfWork<SignInStore> = {
      read: (work) => work(nobody),
      run: () => Promise.reject(new Error('nothing should be written')),
    };
    const policy = { singleTenantId: null, defaultRegion: 'us', defaultNumber: null } as const;
    const outcome = await signIn(uow, policy, {
      aadTenantId: 'feedface-0000-4000-8000-000000000000',
      aadObjectId: 'a',
      email: 'x@y.example',
      displayName: 'X',
    });
    expect(outcome).toEqual({
      ok: false,
      detail: 'Your organisation has not set up Bridgeline yet: ask your Teams administrator.',
    });
  });
});
