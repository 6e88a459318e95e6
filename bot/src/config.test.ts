import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './config.js';

const pem = (type: 'ed25519' | 'x25519') =>
  (type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519')).privateKey
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
const ARCHIVE_KEY = pem('ed25519');

/** What infra/azure.bicep gives the apps: Entra sign-in, a single-tenant bot, a real WhatsApp connection. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_MODE: 'entra',
  AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  AAD_APP_TENANT_ID: '66666666-7777-4888-9999-000000000000',
  BOT_ID: 'b1d9e11e-0000-4000-8000-000000000002',
  BOT_PASSWORD: 'bot-client-secret',
  BOT_TENANT_ID: '66666666-7777-4888-9999-000000000000',
  BOT_TYPE: 'SingleTenant',
  TEAMS_APP_ID: '5e0c7a1d-3b2f-4c8e-9d6a-1f2e3d4c5b6a',
  WHATSAPP_ACCESS_TOKEN: 'x'.repeat(20),
  WHATSAPP_APP_SECRET: 's'.repeat(16),
  WHATSAPP_VERIFY_TOKEN: 'v'.repeat(16),
  ARCHIVE_SIGNING_KEY: ARCHIVE_KEY,
  SMS_PROVIDER: 'acs',
  ACS_CONNECTION_STRING: 'endpoint=https://contoso.communication.azure.com/;accesskey=c2VjcmV0',
  ACS_EVENTS_SECRET: 'e'.repeat(24),
};

describe('configuration', () => {
  it('starts with no settings at all: dev sign-in, embedded database, WhatsApp sandbox, port 3978', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      role: 'all',
      authMode: 'dev',
      sandbox: true,
      databaseUrl: undefined,
      dataDir: './.data',
    });
    expect(c.whatsapp.optInTemplate).toEqual({ name: 'bridgeline_opt_in', language: 'en_US' });
  });

  it('refuses dev sign-in in production, naming the variable in one line', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', WHATSAPP_ACCESS_TOKEN: 'x'.repeat(20) })).toThrow(
      /^AUTH_MODE: dev sign-in is refused when NODE_ENV=production/,
    );
  });

  it('refuses the WhatsApp sandbox in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(ConfigError);
    const { WHATSAPP_ACCESS_TOKEN: _token, ...sandboxed } = PRODUCTION;
    expect(() => loadConfig(sandboxed)).toThrow(
      new ConfigError('WHATSAPP_ACCESS_TOKEN: the WhatsApp sandbox is refused when NODE_ENV=production'),
    );
  });

  it('requires the app secret and verify token once a real access token is set', () => {
    expect(() => loadConfig({ WHATSAPP_ACCESS_TOKEN: 'x'.repeat(20) })).toThrow(
      /^WHATSAPP_APP_SECRET: required/,
    );
    expect(() =>
      loadConfig({ WHATSAPP_ACCESS_TOKEN: 'x'.repeat(20), WHATSAPP_APP_SECRET: 's'.repeat(16) }),
    ).toThrow(/^WHATSAPP_VERIFY_TOKEN: required/);
  });

  it('names the variable and the value it got when a setting is malformed', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: .*\(got "eighty"\)/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /^DATABASE_URL: expected a postgres:\/\/ connection string/,
    );
    expect(() => loadConfig({ WHATSAPP_OPT_IN_TEMPLATE: 'nolanguage' })).toThrow(
      /^WHATSAPP_OPT_IN_TEMPLATE: expected name:language/,
    );
    expect(() => loadConfig({ ROLE: 'everything' })).toThrow(/^ROLE: /);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3978, databaseUrl: undefined });
  });
});

describe('production (NODE_ENV=production) lets no unauthenticated caller in', () => {
  it('starts with Entra sign-in, an authenticated bot and a real WhatsApp connection', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({ production: true, authMode: 'entra', sandbox: false });
  });

  it('refuses to start in production without BOT_ID, naming it in one line', () => {
    expect(() => loadConfig({ ...PRODUCTION, BOT_ID: '' })).toThrow(
      new ConfigError(
        'BOT_ID: required when NODE_ENV=production (without it /api/messages accepts unauthenticated activities)',
      ),
    );
  });

  it('refuses a BOT_ID without its credentials: the client secret, or the tenant of a single-tenant or MSI bot', () => {
    expect(() => loadConfig({ ...PRODUCTION, BOT_PASSWORD: '' })).toThrow(
      /^BOT_PASSWORD: required when BOT_ID/,
    );
    expect(() => loadConfig({ ...PRODUCTION, BOT_TENANT_ID: '' })).toThrow(
      new ConfigError(
        "BOT_TENANT_ID: required when BOT_ID is set (the bot registration's tenant, BOT_TYPE=SingleTenant)",
      ),
    );
    const msi = { ...PRODUCTION, BOT_PASSWORD: '', BOT_TYPE: 'UserAssignedMsi' };
    expect(loadConfig(msi).env.BOT_TYPE).toBe('UserAssignedMSI');
    expect(() => loadConfig({ ...msi, BOT_TENANT_ID: '' })).toThrow(/^BOT_TENANT_ID: required when BOT_ID/);
    expect(loadConfig({ ...PRODUCTION, BOT_TYPE: 'MultiTenant', BOT_TENANT_ID: '' }).env.BOT_ID).toBe(
      PRODUCTION.BOT_ID,
    );
  });

  it('refuses DEV_TOKEN_SECRET in production, in one line', () => {
    expect(() => loadConfig({ ...PRODUCTION, DEV_TOKEN_SECRET: 'd'.repeat(32) })).toThrow(
      new ConfigError('DEV_TOKEN_SECRET: dev sign-in tokens are refused when NODE_ENV=production (unset it)'),
    );
  });

  it('refuses unsigned WhatsApp webhooks: the app secret and verify token are required', () => {
    expect(() => loadConfig({ ...PRODUCTION, WHATSAPP_APP_SECRET: '' })).toThrow(
      /^WHATSAPP_APP_SECRET: required/,
    );
    expect(() => loadConfig({ ...PRODUCTION, WHATSAPP_VERIFY_TOKEN: '' })).toThrow(
      /^WHATSAPP_VERIFY_TOKEN: required/,
    );
  });

  it('runs without BOT_ID outside production (the Agents Playground, the test app)', () => {
    expect(loadConfig({}).env.BOT_ID).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'development' }).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(false);
  });
});

describe('HOST', () => {
  it('listens on every IPv4 interface unless set', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '' }).host).toBe('0.0.0.0');
  });

  it('takes an IP address or localhost', () => {
    for (const host of ['127.0.0.1', '::', '::1', '10.1.2.3', 'localhost']) {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    }
  });

  it('stops start with one line naming HOST when it is not an address', () => {
    for (const host of ['not a host', 'http://0.0.0.0', '300.1.1.1', '0.0.0.0:3978']) {
      expect(() => loadConfig({ HOST: host })).toThrow(
        new ConfigError(
          `HOST: expected an address of this machine to listen on, e.g. 0.0.0.0, 127.0.0.1 or :: (got ${JSON.stringify(host)})`,
        ),
      );
    }
  });
});

describe('the compliance archive settings', () => {
  it('refuses to start in production without ARCHIVE_SIGNING_KEY, naming it in one line', () => {
    expect(() => loadConfig({ ...PRODUCTION, ARCHIVE_SIGNING_KEY: '' })).toThrow(
      new ConfigError(
        'ARCHIVE_SIGNING_KEY: required when NODE_ENV=production (the Ed25519 key that signs archive checkpoints)',
      ),
    );
  });

  it('takes the key as PEM, with real or escaped newlines, or as JWK', () => {
    const jwk = JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
    for (const key of [ARCHIVE_KEY, ARCHIVE_KEY.replace(/\n/g, '\\n'), jwk])
      expect(loadConfig({ ...PRODUCTION, ARCHIVE_SIGNING_KEY: key }).archive.signingKey).toBe(key);
  });

  it('refuses a key that is not an Ed25519 private key, saying what it got', () => {
    expect(() => loadConfig({ ARCHIVE_SIGNING_KEY: pem('x25519') })).toThrow(
      'ARCHIVE_SIGNING_KEY: an Ed25519 key is required (got x25519)',
    );
    expect(() => loadConfig({ ARCHIVE_SIGNING_KEY: 'not a key at all, just forty characters' })).toThrow(
      'ARCHIVE_SIGNING_KEY: not a private key (expected an Ed25519 key as PEM or JWK)',
    );
  });

  it('asks for the journal recipient and sender once an SMTP server is set', () => {
    const smtp = { ARCHIVE_JOURNAL_SMTP_URL: 'smtp://journal:secret@archive.example:587' };
    expect(() => loadConfig(smtp)).toThrow(
      'ARCHIVE_JOURNAL_TO: required when ARCHIVE_JOURNAL_SMTP_URL is set',
    );
    expect(() => loadConfig({ ...smtp, ARCHIVE_JOURNAL_TO: 'journal@archive.example' })).toThrow(
      'ARCHIVE_JOURNAL_FROM: required when ARCHIVE_JOURNAL_SMTP_URL is set',
    );
    expect(() => loadConfig({ ARCHIVE_JOURNAL_SMTP_URL: 'http://archive.example' })).toThrow(
      /^ARCHIVE_JOURNAL_SMTP_URL: /,
    );
  });

  it('signs every CRM push: a CRM URL needs its secret, and https in production', () => {
    expect(() => loadConfig({ CRM_WEBHOOK_URL: 'https://crm.example/hook' })).toThrow(
      'CRM_WEBHOOK_SECRET: required when CRM_WEBHOOK_URL is set (every push is signed with it)',
    );
    expect(() =>
      loadConfig({
        ...PRODUCTION,
        CRM_WEBHOOK_URL: 'http://crm.example/hook',
        CRM_WEBHOOK_SECRET: 'c'.repeat(16),
      }),
    ).toThrow(/^CRM_WEBHOOK_URL: must be https when NODE_ENV=production/);
  });
});

describe('the SMS provider settings', () => {
  it('runs the SMS sandbox when nothing is set, and refuses it in production in one line', () => {
    expect(loadConfig({}).sms.provider).toBe('sandbox');
    expect(() => loadConfig({ ...PRODUCTION, SMS_PROVIDER: 'sandbox' })).toThrow(
      new ConfigError(
        'SMS_PROVIDER: the SMS sandbox is refused when NODE_ENV=production (set SMS_PROVIDER=acs)',
      ),
    );
    expect(loadConfig(PRODUCTION).sms).toMatchObject({ provider: 'acs', eventsSecret: 'e'.repeat(24) });
  });

  it('asks for the ACS connection string and the Event Grid code with SMS_PROVIDER=acs, each in one line', () => {
    expect(() => loadConfig({ ...PRODUCTION, ACS_CONNECTION_STRING: '' })).toThrow(
      /^ACS_CONNECTION_STRING: required when SMS_PROVIDER=acs/,
    );
    expect(() => loadConfig({ ...PRODUCTION, ACS_EVENTS_SECRET: '' })).toThrow(
      /^ACS_EVENTS_SECRET: required when SMS_PROVIDER=acs/,
    );
    expect(() =>
      loadConfig({ ...PRODUCTION, ACS_CONNECTION_STRING: 'https://contoso.communication.azure.com' }),
    ).toThrow(/^ACS_CONNECTION_STRING: expected endpoint=https:\/\//);
    expect(() => loadConfig({ ...PRODUCTION, ACS_EVENTS_SECRET: 'short' })).toThrow(/^ACS_EVENTS_SECRET: /);
  });
});
