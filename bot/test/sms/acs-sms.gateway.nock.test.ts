import { createHash, createHmac } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundSms } from '../../src/ports/index.js';
import { AcsSmsGateway } from '../../src/sms/acs/acs-sms.gateway.js';

/** Azure Communication Services' SMS REST API (POST {endpoint}/sms?api-version=2021-03-07), faked at the network edge. */
const ENDPOINT = 'https://contoso-sms.communication.azure.com';
const ACCESS_KEY = Buffer.from('bridgeline-test-access-key').toString('base64');
const CONNECTION = `endpoint=${ENDPOINT}/;accesskey=${ACCESS_KEY}`;
const MESSAGE_ID = '7f3c2a9e-1b4d-4c6e-8f00-1a2b3c4d5e6f';

const message: OutboundSms = {
  from: {
    id: 'n-1',
    tenantId: 't-1',
    channel: 'sms',
    providerNumberId: '+18005550100',
    displayPhone: '+1 800 555 0100',
    region: 'us',
  },
  to: {
    id: 'c-1',
    tenantId: 't-1',
    displayName: 'Dana',
    phoneE164: '+14155550123',
    waId: null,
    bsuid: null,
    username: null,
  } as OutboundSms['to'],
  messageId: MESSAGE_ID,
  text: 'Your card arrives on Tuesday. Reply STOP to opt out.',
};

const gateway = () =>
  new AcsSmsGateway({
    connectionString: CONNECTION,
    retry: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  });

interface Seen {
  body: Record<string, unknown>;
  raw: string;
  headers: Record<string, string | string[] | undefined>;
  path: string;
}

/** Intercepts `times` sends, answering each with `answer(n)`; records what ACS received. */
function acs(times: number, answer: (n: number) => [number, unknown, Record<string, string>?]) {
  const seen: Seen[] = [];
  const scope = nock(ENDPOINT)
    .post('/sms')
    .query({ 'api-version': '2021-03-07' })
    .times(times)
    .reply(function (path, body) {
      seen.push({
        raw: typeof body === 'string' ? body : JSON.stringify(body),
        body: (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, unknown>,
        headers: this.req.headers,
        path,
      });
      return answer(seen.length);
    });
  return { scope, seen };
}

const accepted = (messageId: string) => ({
  value: [
    {
      to: '+14155550123',
      messageId,
      httpStatusCode: 202,
      repeatabilityResult: 'accepted',
      successful: true,
    },
  ],
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('the ACS SMS adapter (@azure/communication-sms)', () => {
  it('sends the exact body ACS expects: one recipient, our message id as repeatability id and tag, a delivery report asked for', async () => {
    const { scope, seen } = acs(1, () => [202, accepted('Outgoing_20260302_abc')]);
    expect(await gateway().send(message)).toEqual({ ok: true, providerMessageId: 'Outgoing_20260302_abc' });
    scope.done();
    const [req] = seen;
    const firstSent = (req!.body.smsRecipients as { repeatabilityFirstSent: string }[])[0]!
      .repeatabilityFirstSent;
    expect(req!.body).toEqual({
      from: '+18005550100',
      smsRecipients: [
        { to: '+14155550123', repeatabilityRequestId: MESSAGE_ID, repeatabilityFirstSent: firstSent },
      ],
      message: 'Your card arrives on Tuesday. Reply STOP to opt out.',
      smsSendOptions: { enableDeliveryReport: true, tag: MESSAGE_ID },
    });
    expect(new Date(firstSent).toUTCString()).toBe(firstSent);
    // Our carrier header never leaves the process.
    expect(req!.headers['x-bridgeline-message-id']).toBeUndefined();
    expect(req!.headers['content-type']).toBe('application/json');
  });

  it('signs the request with the access key: HMAC-SHA256 over method, path, date, host and the body hash', async () => {
    const { seen } = acs(1, () => [202, accepted('Outgoing_signed')]);
    await gateway().send(message);
    const [req] = seen;
    const h = req!.headers;
    const contentHash = createHash('sha256').update(req!.raw).digest('base64');
    expect(h['x-ms-content-sha256']).toBe(contentHash);
    const date = String(h['x-ms-date']);
    const toSign = `POST\n/sms?api-version=2021-03-07\n${date};contoso-sms.communication.azure.com;${contentHash}`;
    const signature = createHmac('sha256', Buffer.from(ACCESS_KEY, 'base64')).update(toSign).digest('base64');
    expect(h.authorization).toBe(
      `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
    );
  });

  it('retries 429 and 5xx with the same repeatability id and first-sent time, so ACS sends the text once', async () => {
    const { scope, seen } = acs(3, (n) =>
      n === 1
        ? [
            429,
            { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } },
            { 'retry-after': '0' },
          ]
        : n === 2
          ? [503, { error: { code: 'ServiceUnavailable', message: 'Try again' } }]
          : [202, accepted('Outgoing_after_retries')],
    );
    expect(await gateway().send(message)).toEqual({ ok: true, providerMessageId: 'Outgoing_after_retries' });
    scope.done();
    const recipients = seen.map((s) => (s.body.smsRecipients as Record<string, string>[])[0]);
    expect(new Set(recipients.map((r) => r!.repeatabilityRequestId))).toEqual(new Set([MESSAGE_ID]));
    expect(new Set(recipients.map((r) => r!.repeatabilityFirstSent)).size).toBe(1);
  });

  it('keeps the repeatability id when our own job retries the send later', async () => {
    const g = gateway();
    const { seen } = acs(3, () => [500, { error: { code: 'InternalError', message: 'boom' } }]);
    expect(await g.send(message)).toMatchObject({ ok: false, kind: 'retry', code: 'acs_500' });
    nock.cleanAll();
    const again = acs(1, () => [202, accepted('Outgoing_later')]);
    expect(await g.send(message)).toEqual({ ok: true, providerMessageId: 'Outgoing_later' });
    const first = (seen[0]!.body.smsRecipients as Record<string, string>[])[0]!;
    const later = (again.seen[0]!.body.smsRecipients as Record<string, string>[])[0]!;
    expect(later.repeatabilityRequestId).toBe(first.repeatabilityRequestId);
    expect(later.repeatabilityFirstSent).toBe(first.repeatabilityFirstSent);
  });

  it("fails a send to a number that isn't SMS-capable with ACS's own words, and does not retry it", async () => {
    const { scope } = acs(1, () => [
      202,
      {
        value: [
          {
            to: '+14155550123',
            httpStatusCode: 400,
            repeatabilityResult: 'accepted',
            successful: false,
            errorMessage: 'Invalid To phone number format.',
          },
        ],
      },
    ]);
    expect(await gateway().send(message)).toEqual({
      ok: false,
      kind: 'permanent',
      code: 'acs_400',
      title: 'Invalid To phone number format.',
    });
    scope.done();
  });

  it('turns a refused credential into a permanent failure, without retrying', async () => {
    const { scope, seen } = acs(1, () => [
      401,
      { error: { code: 'Denied', message: 'Denied by the resource provider.' } },
    ]);
    expect(await gateway().send(message)).toMatchObject({ ok: false, kind: 'permanent', code: 'acs_401' });
    scope.done();
    expect(seen).toHaveLength(1);
  });

  it('refuses a contact without a phone number without calling ACS', async () => {
    const result = await gateway().send({ ...message, to: { ...message.to, phoneE164: null } });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'no_recipient' });
  });
});
