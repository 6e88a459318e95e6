import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import {
  AAD_TENANT,
  BOT_ID,
  SERVICE_URL,
  TEAMS_APP_ID,
  teamsActivity,
} from '../../teams/support/teams-test-app.js';

/**
 * POST /api/messages with the bot configured (BOT_ID, single tenant): the real botbuilder authentication, every
 * Microsoft endpoint it reaches answered by nock. Inbound, Teams' requests carry a token the Bot Connector signs: issuer
 * https://api.botframework.com, audience the bot's app id, a `serviceurl` claim, a key from the Bot Framework's OpenID
 * metadata endorsed for the channel (botframework-connector: ChannelValidation, JwtTokenExtractor, OpenIdMetadata).
 * Outbound, a single-tenant bot gets its token from its own tenant in Entra (MSAL client credentials).
 */
const BOT_FRAMEWORK_LOGIN = 'https://login.botframework.com';
const OPENID_PATH = '/v1/.well-known/openidconfiguration';
const JWKS_PATH = '/v1/.well-known/keys';
const ISSUER = 'https://api.botframework.com';
const ENTRA = 'https://login.microsoftonline.com';
const BOT_PASSWORD = 'bot-client-secret';
const OUTBOUND_TOKEN = 'outbound-token-from-the-bot-tenant';
const CONNECTOR = SERVICE_URL.replace(/\/$/, '');
const KID = 'bf-key-1';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let app: TestApp;
let channelKey: Key;
let strangerKey: Key;
const tokenRequests: string[] = [];

/** A token as the Bot Connector signs it for Teams' requests to the bot; `over` changes or removes claims. */
async function connectorToken(
  over: Partial<Record<string, unknown>> = {},
  options: { key?: Key; kid?: string } = {},
): Promise<string> {
  const claims: Record<string, unknown> = {
    iss: ISSUER,
    aud: BOT_ID,
    serviceurl: SERVICE_URL,
    ...over,
  };
  const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as JWTPayload;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
    .setNotBefore(now - 60)
    .setExpirationTime(now + 3600)
    .sign(options.key ?? channelKey);
}

function installation(conversationId: string) {
  return teamsActivity({ type: 'installationUpdate', action: 'add', conversationId });
}

async function postActivity(activity: Record<string, unknown>, authorization?: string) {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

async function storedReferences(conversationId: string): Promise<number> {
  const rows = await app.sql<{ n: string }>(
    'SELECT count(*) AS n FROM teams_conversations WHERE conversation_id = $1',
    [conversationId],
  );
  return Number(rows[0]?.n);
}

type Reply = { type: string; replyToId?: string; attachments: { content: unknown }[] };

/** The Bot Connector: records the bot's replies in `conversationId`, sent with the token from the bot's tenant. */
function connectorReplies(conversationId: string): Reply[] {
  const replies: Reply[] = [];
  nock(CONNECTOR, { reqheaders: { authorization: `Bearer ${OUTBOUND_TOKEN}` } })
    .post(
      (uri) => uri.startsWith(`/amer/v3/conversations/${encodeURIComponent(conversationId)}/activities`),
      (body: Reply) => {
        replies.push(body);
        return true;
      },
    )
    .reply(201, { id: `reply-${randomUUID()}` });
  return replies;
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  ({ privateKey: channelKey } = await generateKeyPair('RS256', { extractable: true }));
  ({ privateKey: strangerKey } = await generateKeyPair('RS256', { extractable: true }));
  app = await startTestApp({
    env: {
      BOT_ID,
      BOT_PASSWORD,
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: AAD_TENANT,
      TEAMS_APP_ID,
    },
  });
});

beforeEach(async () => {
  const publicJwk = await exportJWK(channelKey);
  delete publicJwk.d;
  for (const k of ['p', 'q', 'dp', 'dq', 'qi'] as const) delete publicJwk[k];
  nock(BOT_FRAMEWORK_LOGIN)
    .persist()
    .get(OPENID_PATH)
    .reply(200, {
      issuer: ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${BOT_FRAMEWORK_LOGIN}${JWKS_PATH}`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get(JWKS_PATH)
    .reply(200, { keys: [{ ...publicJwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] });
  const tenant = `${ENTRA}/${AAD_TENANT}`;
  nock(ENTRA)
    .persist()
    .get(`/${AAD_TENANT}/v2.0/.well-known/openid-configuration`)
    .reply(200, {
      issuer: `${tenant}/v2.0`,
      authorization_endpoint: `${tenant}/oauth2/v2.0/authorize`,
      token_endpoint: `${tenant}/oauth2/v2.0/token`,
      end_session_endpoint: `${tenant}/oauth2/v2.0/logout`,
      jwks_uri: `${ENTRA}/${AAD_TENANT}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
    })
    // MSAL adds query parameters (client-request-id, …) to the token endpoint.
    .post(
      (uri) => uri.split('?')[0] === `/${AAD_TENANT}/oauth2/v2.0/token`,
      (body: string | Record<string, string>) => {
        tokenRequests.push(typeof body === 'string' ? body : new URLSearchParams(body).toString());
        return true;
      },
    )
    .reply(200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: OUTBOUND_TOKEN,
    });
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await app?.stop();
});

describe('POST /api/messages with BOT_ID set (single tenant)', () => {
  it('refuses an activity without an Authorization header with 401, and does not handle it', async () => {
    const conversationId = `a:${randomUUID()}`;
    const replies = connectorReplies(conversationId);
    expect(await postActivity(installation(conversationId))).toBe(401);
    expect(await storedReferences(conversationId)).toBe(0);
    expect(replies).toEqual([]);
  });

  it('refuses a token signed by a key the Bot Framework does not publish with 401', async () => {
    const conversationId = `a:${randomUUID()}`;
    const replies = connectorReplies(conversationId);
    const unknownKid = await connectorToken({}, { key: strangerKey, kid: 'not-published' });
    expect(await postActivity(installation(conversationId), `Bearer ${unknownKid}`)).toBe(401);
    const forgedUnderPublishedKid = await connectorToken({}, { key: strangerKey });
    expect(await postActivity(installation(conversationId), `Bearer ${forgedUnderPublishedKid}`)).toBe(401);
    expect(await storedReferences(conversationId)).toBe(0);
    expect(replies).toEqual([]);
  });

  it('refuses a token for another bot (audience) with 401', async () => {
    const conversationId = `a:${randomUUID()}`;
    const replies = connectorReplies(conversationId);
    const otherBot = await connectorToken({ aud: randomUUID() });
    expect(await postActivity(installation(conversationId), `Bearer ${otherBot}`)).toBe(401);
    expect(await storedReferences(conversationId)).toBe(0);
    expect(replies).toEqual([]);
  });

  it('refuses a token from another issuer, or issued for another service URL, with 401', async () => {
    const conversationId = `a:${randomUUID()}`;
    const replies = connectorReplies(conversationId);
    const entraToken = await connectorToken({ iss: `${ENTRA}/${AAD_TENANT}/v2.0` });
    expect(await postActivity(installation(conversationId), `Bearer ${entraToken}`)).toBe(401);
    const otherServiceUrl = await connectorToken({ serviceurl: 'https://smba.trafficmanager.net/emea/' });
    expect(await postActivity(installation(conversationId), `Bearer ${otherServiceUrl}`)).toBe(401);
    expect(await storedReferences(conversationId)).toBe(0);
    expect(replies).toEqual([]);
  });

  it('handles a correctly signed activity: 200, the reference kept, the welcome sent with a token from the bot tenant', async () => {
    const conversationId = `a:${randomUUID()}`;
    const replies = connectorReplies(conversationId);
    const activity = installation(conversationId);
    expect(await postActivity(activity, `Bearer ${await connectorToken()}`)).toBe(200);

    expect(await storedReferences(conversationId)).toBe(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'message', replyToId: activity.id });
    expect(JSON.stringify(replies[0]!.attachments[0]!.content)).toContain(
      `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/inbox`,
    );
    const request = new URLSearchParams(tokenRequests.at(-1));
    expect(request.get('grant_type')).toBe('client_credentials');
    expect(request.get('client_id')).toBe(BOT_ID);
    expect(request.get('client_secret')).toBe(BOT_PASSWORD);
    expect(request.get('scope')).toBe('https://api.botframework.com/.default');
  });

  it('does not handle a signed activity whose serviceUrl is not a Bot Framework service host: nothing kept, nothing sent', async () => {
    // The Bot Connector signs the serviceUrl it posts from; this one names a host it never would (or loopback, which
    // only an unauthenticated local bot accepts).
    for (const serviceUrl of ['https://attacker.example/amer/', 'http://localhost:56150/']) {
      const conversationId = `a:${randomUUID()}`;
      const replies = connectorReplies(conversationId);
      const stolen = nock(new URL(serviceUrl).origin).post(/.*/).reply(201, { id: 'stolen' });
      const activity = { ...installation(conversationId), serviceUrl };
      const token = await connectorToken({ serviceurl: serviceUrl });
      expect(await postActivity(activity, `Bearer ${token}`)).toBe(200);
      expect(await storedReferences(conversationId)).toBe(0);
      expect(replies).toEqual([]);
      expect(stolen.isDone()).toBe(false);
    }
  });
});
