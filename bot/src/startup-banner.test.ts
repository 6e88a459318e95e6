import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startupBanner } from './startup-banner.js';

describe('what npm start prints (issue 16)', () => {
  it('names the tab and sandbox URLs and the sign-in, database and WhatsApp mode in words', () => {
    const text = startupBanner(loadConfig({ PORT: '3978' }), 'http://localhost:3978');
    expect(text).toContain('Tab:        http://localhost:3978/');
    expect(text).toContain('Sandbox:    http://localhost:3978/sandbox');
    expect(text).toMatch(/Sign-in: +dev picker/);
    expect(text).toMatch(/Database: +embedded PostgreSQL \(PGlite\)/);
    expect(text).toMatch(/WhatsApp: +sandbox/);
  });

  it('names a PostgreSQL server without its password', () => {
    const text = startupBanner(
      loadConfig({ PORT: '3978', DATABASE_URL: 'postgres://bl:s3cret@db.internal:5432/bridgeline' }),
      'http://localhost:3978',
    );
    expect(text).toContain('PostgreSQL server at db.internal:5432/bridgeline');
    expect(text).not.toContain('s3cret');
  });
});
