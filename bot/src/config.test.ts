import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
