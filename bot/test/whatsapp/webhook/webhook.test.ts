import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_VERIFY_TOKEN } from '../../../src/whatsapp/webhook/sandbox-credentials.js';
import { newPhone, startTestApp, type TestApp } from '../../support/test-app.js';
import { aBody, aText, messagesValue, metaJson, postWebhook, type Json } from './webhook-builders.js';
import { waIdOf, webhookHelpers } from './webhook-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const { post, count, messagesFrom } = webhookHelpers(() => app);

describe('webhook handshake', () => {
  const get = (q: string) => fetch(`${app.url}/api/whatsapp/webhook?${q}`);

  it('answers the challenge as plain text when the verify token matches', async () => {
    const res = await get(
      `hub.mode=subscribe&hub.verify_token=${SANDBOX_VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token with 403', async () => {
    const res = await get('hub.mode=subscribe&hub.verify_token=not-the-token&hub.challenge=1');
    expect(res.status).toBe(403);
  });

  it('refuses a handshake without its parameters with 400', async () => {
    expect((await get('hub.mode=subscribe')).status).toBe(400);
  });
});

describe('webhook signature (raw bytes)', () => {
  it('refuses a body without a signature with 401 and stores nothing', async () => {
    const phone = newPhone();
    const r = await post(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'hi', app.clock.now())])]),
      {
        signature: null,
      },
    );
    expect(r.status).toBe(401);
    expect(await messagesFrom(phone)).toHaveLength(0);
  });

  it('refuses a body signed with another secret with 401 and stores nothing', async () => {
    const phone = newPhone();
    const before = await count('SELECT count(*) AS n FROM webhook_events');
    const r = await post(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'hi', app.clock.now())])]),
      {
        secret: 'someone-elses-secret',
      },
    );
    expect(r.status).toBe(401);
    expect(await messagesFrom(phone)).toHaveLength(0);
    expect(await count('SELECT count(*) AS n FROM webhook_events')).toBe(before);
  });

  it('accepts non-ASCII text escaped as \\uXXXX, checking the bytes as sent rather than re-serialised JSON', async () => {
    const phone = newPhone();
    const body = metaJson(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'Olá, 日本 👋', app.clock.now())], 'José')]),
    );
    expect(body).toContain('\\u00e1');
    const r = await post(body);
    expect(r.status).toBe(200);
    expect((await messagesFrom(phone))[0]?.text).toBe('Olá, 日本 👋');
    const [raw] = await app.sql<{ body: string }>(`SELECT body FROM webhook_events WHERE body LIKE $1`, [
      `%${waIdOf(phone)}%`,
    ]);
    expect(raw?.body).toBe(body);
  });

  it('refuses the same bytes with one byte changed after signing', async () => {
    const phone = newPhone();
    const body = metaJson(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'amount 100', app.clock.now())])]),
    );
    const good = await postWebhook(app.url, body.replace('100', '900'), {
      signature: (await import('../../../src/whatsapp/webhook/webhook-signature.js')).signBody(
        Buffer.from(body),
        (await import('../../../src/whatsapp/webhook/sandbox-credentials.js')).SANDBOX_APP_SECRET,
      ),
    });
    expect(good.status).toBe(401);
  });
});

describe('webhook body', () => {
  it('answers 400 to a signed body that is not JSON', async () => {
    expect((await postWebhook(app.url, '{"object": "whatsapp_business_account", ')).status).toBe(400);
  });

  it('answers 413 to a body over the size cap, before storing anything', async () => {
    const big = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(4 * 1024 * 1024),
    });
    const r = await postWebhook(app.url, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toMatchObject({ code: 'payload_too_large' });
  });

  it('acknowledges events of an unknown business number without storing them', async () => {
    const phone = newPhone();
    const r = await post(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'hi', app.clock.now())])], {
        phoneNumberId: '999999999999999',
      }),
    );
    expect(r.status).toBe(200);
    expect(await messagesFrom(phone)).toHaveLength(0);
  });

  it('tolerates unknown fields and subscriptions it does not handle', async () => {
    const phone = newPhone();
    const body = aBody([
      {
        ...messagesValue(waIdOf(phone), [
          aText(waIdOf(phone), 'hi', app.clock.now(), { brand_new: { x: 1 } }),
        ]),
        extra: true,
      },
    ]);
    (body['entry'] as Json[])[0]!['changes'] = [
      ...((body['entry'] as Json[])[0]!['changes'] as Json[]),
      { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
    ];
    expect((await post(body)).status).toBe(200);
    expect(await messagesFrom(phone)).toHaveLength(1);
  });
});
