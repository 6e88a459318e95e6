import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { loadConfig } from '../../../src/config.js';
import { startBridgeline, type Running } from '../../../src/bootstrap.js';
import { freshDatabaseUrl } from '../../support/test-database.js';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '0a1b2c3d-0000-4000-8000-00000000c0de';
const OTHER_TENANT = '99999999-0000-4000-8000-000000000bad';
const KID = 'test-key-1';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let running: Running;
let drop: () => Promise<void>;
let signingKey: Key;
let strangerKey: Key;

/** A Teams SSO token as Entra issues it, v2 by default; `over` changes or removes (undefined) claims. */
async function token(
  over: Partial<Record<string, unknown>> = {},
  options: { key?: Key; expiresAt?: number } = {},
): Promise<string> {
  const claims: Record<string, unknown> = {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    tid: TENANT,
    oid: 'aaaaaaaa-0000-4000-8000-000000000001',
    name: 'Ada Admin',
    preferred_username: 'ada@fabrikam.example',
    scp: 'access_as_user',
    ver: '2.0',
    ...over,
  };
  const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as JWTPayload;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(options.key ?? signingKey);
}

const v1 = (over: Partial<Record<string, unknown>> = {}) => ({
  iss: `https://sts.windows.net/${TENANT}/`,
  aud: `api://bridgeline.example.com/${CLIENT_ID}`,
  ver: '1.0',
  preferred_username: undefined,
  upn: 'ada@fabrikam.example',
  ...over,
});

async function me(bearer: string) {
  const res = await fetch(`${running.url}/api/v1/me`, { headers: { authorization: `Bearer ${bearer}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  signingKey = keys.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const db = await freshDatabaseUrl();
  drop = db.drop;
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUTH_MODE: 'entra',
    AAD_APP_CLIENT_ID: CLIENT_ID,
    AAD_APP_TENANT_ID: TENANT,
    MEMBER_DEFAULT_REGION: 'eu',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
  });
  running = await startBridgeline(config, {
    log: pino({ level: 'silent' }),
    inMemoryDatabase: true,
    embeddedSnapshot: db.snapshot,
    tabDir: null,
    entraKeys: createLocalJWKSet({ keys: [jwk] }),
  });
});

afterAll(async () => {
  await running?.stop();
  await drop?.();
});

describe('Teams SSO sign-in (AUTH_MODE=entra)', () => {
  it('makes the first person of a new tenant its admin, enabled, and creates the tenant from the token', async () => {
    const r = await me(await token());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      email: 'ada@fabrikam.example',
      displayName: 'Ada Admin',
      aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
      isAdmin: true,
      enabled: true,
      region: 'eu',
    });
    const tenants = await running.db.query<{ name: string; aad_tenant_id: string }>(
      'SELECT name, aad_tenant_id FROM tenants',
    );
    expect(tenants).toEqual([{ name: 'fabrikam.example', aad_tenant_id: TENANT }]);
  });

  it('signs the same person in again as the same member, in the v1 token form too', async () => {
    const first = await me(await token());
    const again = await me(await token(v1()));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('accepts a v1 audience of the form api://{client id}', async () => {
    const r = await me(await token(v1({ aud: `api://${CLIENT_ID}` })));
    expect(r.status).toBe(200);
  });

  it('provisions later colleagues NOT enabled, in the default region, not admin', async () => {
    const r = await me(
      await token(
        v1({ oid: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Ben Broker', upn: 'ben@fabrikam.example' }),
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      email: 'ben@fabrikam.example',
      enabled: false,
      isAdmin: false,
      region: 'eu',
    });
    const threads = await fetch(`${running.url}/api/v1/threads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token({ oid: 'bbbbbbbb-0000-4000-8000-000000000002' })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ channel: 'whatsapp', phone: '+14155550199', sendOptIn: true }),
    });
    expect(threads.status).toBe(403);
    expect(((await threads.json()) as { code: string }).code).toBe('not_enabled');
  });

  it('links a member an admin added by email to their account on first sign-in', async () => {
    const admin = await token();
    const added = await fetch(`${running.url}/api/v1/admin/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'cleo@fabrikam.example',
        displayName: 'Cleo',
        region: 'us',
        enabled: true,
      }),
    });
    expect(added.status).toBe(201);
    const r = await me(
      await token({
        oid: 'cccccccc-0000-4000-8000-000000000003',
        preferred_username: 'Cleo@Fabrikam.example',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: ((await added.json()) as { id: string }).id,
      enabled: true,
      region: 'us',
      aadObjectId: 'cccccccc-0000-4000-8000-000000000003',
    });
  });

  it('gives concurrent first sign-ins of one person one member', async () => {
    const t = await token({
      oid: 'dddddddd-0000-4000-8000-000000000004',
      preferred_username: 'dee@fabrikam.example',
    });
    const answers = await Promise.all([me(t), me(t), me(t)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('accepts the token as access_token on the live events stream', async () => {
    const ac = new AbortController();
    const res = await fetch(`${running.url}/api/v1/events?access_token=${await token()}`, {
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    ac.abort();
    const refused = await fetch(
      `${running.url}/api/v1/events?access_token=${await token({ scp: 'User.Read' })}`,
    );
    expect(refused.status).toBe(401);
  });

  it('answers 503 unavailable with Retry-After, not 401, when the database is down during sign-in', async () => {
    // The connection drops as sign-in looks the member up.
    const uow = running.db.uow;
    const real = uow.read.bind(uow);
    const outage = () =>
      Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' }));
    const spy = vi
      .spyOn(uow, 'read')
      .mockImplementation((work) =>
        real((store) => work({ ...store, members: { ...store.members, byEntraId: outage } })),
      );
    try {
      const res = await fetch(`${running.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${await token()}` },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ code: 'unavailable' });
    } finally {
      spy.mockRestore();
    }
    expect((await me(await token())).status).toBe(200);
  });

  it('ends the live events stream when the Teams token expires', async () => {
    // Expired 297 s ago: still accepted (five minutes of clock skew) for about three more seconds.
    const shortLived = await token({}, { expiresAt: Math.floor(Date.now() / 1000) - 297 });
    const res = await fetch(`${running.url}/api/v1/events?access_token=${shortLived}`);
    expect(res.status).toBe(200);
    // The body ends (the stream closes) instead of staying open for ever.
    await res.text();
  });

  const refusals: [string, () => Promise<string>, RegExp][] = [
    ['an expired token', () => token({}, { expiresAt: Math.floor(Date.now() / 1000) - 600 }), /expired/],
    [
      'a token for another application',
      () => token({ aud: '00000003-0000-0000-c000-000000000000' }),
      /another application/,
    ],
    [
      'a v1 token for another application',
      () => token(v1({ aud: 'api://bridgeline.example.com/someone-else' })),
      /another application/,
    ],
    [
      'a token of another tenant',
      () => token({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      /another organisation/,
    ],
    [
      'a token whose issuer is not its tenant',
      () => token({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      /not issued by Entra ID/,
    ],
    ['a token with a bad signature', () => token({}, { key: strangerKey }), /signature/],
    ['a token without the access_as_user scope', () => token({ scp: 'User.Read' }), /access_as_user/],
    ['a token without a user', () => token({ oid: undefined }), /oid/],
    ['something that is not a token', async () => 'not-a-jwt', /not a valid Entra ID token/],
  ];

  it.each(refusals)('refuses %s with a 401 problem that says why', async (_name, make, detail) => {
    const r = await me(await make());
    expect(r.status).toBe(401);
    expect(r.type).toMatch(/application\/problem\+json/);
    expect(r.body.code).toBe('unauthorized');
    expect(String(r.body.detail)).toMatch(detail);
  });

  it('refuses a token signed with HS256 even if it carries the right claims', async () => {
    const forged = await new SignJWT({ tid: TENANT, oid: 'x', scp: 'access_as_user', aud: CLIENT_ID })
      .setProtectedHeader({ alg: 'HS256', kid: KID })
      .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a shared secret that is long enough'));
    const r = await me(forged);
    expect(r.status).toBe(401);
  });
});
