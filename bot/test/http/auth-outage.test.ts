import pino from 'pino';
import restify from 'restify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevAuthenticator } from '../../src/http/auth.js';
import { authed } from '../../src/http/handler.js';
import { sendJson } from '../../src/http/problem.js';
import type { MemberRecord, UnitOfWork } from '../../src/ports/index.js';

/** Finding 7: a database outage must not sign members out. The store answers, or fails as a dropped connection does. */

const SECRET = 'a-dev-secret-of-thirty-two-characters!';
const MEMBER = {
  id: '6a1f0d0e-0000-4000-8000-000000000001',
  tenantId: '6a1f0d0e-0000-4000-8000-0000000000aa',
  enabled: true,
} as MemberRecord;

let databaseUp = true;
const connectionLost = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const uow = {
  run: async () => {
    if (!databaseUp) throw connectionLost();
    return MEMBER;
  },
  read: async () => {
    if (!databaseUp) throw connectionLost();
    return MEMBER;
  },
} as unknown as UnitOfWork;

const auth = new DevAuthenticator(SECRET, uow);
let server: restify.Server;
let url: string;

beforeAll(async () => {
  server = restify.createServer({ handleUncaughtExceptions: false });
  server.get(
    '/threads',
    authed(pino({ level: 'silent' }), auth, async () => {
      // Signed in while the database was up; the read itself finds it gone (a pg error inside TypeORM's wrapper).
      throw Object.assign(new Error('Query failed'), {
        driverError: Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
        }),
      });
    }),
  );
  server.get(
    '/who',
    authed(pino({ level: 'silent' }), auth, async (_req, res, caller) =>
      sendJson(res, 200, { id: caller.id }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server?.close());

const who = (token: string) => fetch(`${url}/who`, { headers: { authorization: `Bearer ${token}` } });

describe('signing in while the database is down', () => {
  it('answers 503 unavailable with Retry-After when the member cannot be looked up, never 401', async () => {
    const token = await auth.issue(MEMBER);
    expect((await who(token)).status).toBe(200);
    databaseUp = false;
    try {
      const res = await who(token);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ code: 'unavailable' });
    } finally {
      databaseUp = true;
    }
    expect((await who(token)).status).toBe(200);
  });

  it('still answers 401 to a bad or expired token, whatever the database does', async () => {
    databaseUp = false;
    try {
      const forged = await new SignJWT({ tid: MEMBER.tenantId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('bridgeline-dev')
        .setSubject(MEMBER.id)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-of-thirty-two-chars!!'));
      const expired = await new SignJWT({ tid: MEMBER.tenantId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('bridgeline-dev')
        .setSubject(MEMBER.id)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(SECRET));
      for (const token of [forged, expired, 'not-a-token']) {
        const res = await who(token);
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ code: 'unauthorized' });
      }
    } finally {
      databaseUp = true;
    }
  });
});

describe('reading while the database is down', () => {
  it('answers 503 unavailable with Retry-After when the database drops mid-request, never 500', async () => {
    const res = await fetch(`${url}/threads`, {
      headers: { authorization: `Bearer ${await auth.issue(MEMBER)}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ code: 'unavailable' });
  });
});
