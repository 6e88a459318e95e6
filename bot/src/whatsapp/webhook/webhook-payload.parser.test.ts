import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWebhook, type NumberEvents, type ParseWebhookResult } from './webhook-payload.parser.js';
import { WebhookBodySchema } from './webhook-payload.schema.js';

function fixture(name: string): unknown {
  const url = new URL(`../../../test/fixtures/whatsapp/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

function ok(result: ParseWebhookResult): Extract<ParseWebhookResult, { ok: true }> {
  if (!result.ok)
    throw new Error(`expected a parsed batch, got ${result.reason}: ${result.issues.join(', ')}`);
  return result;
}

function onlyNumber(name: string): NumberEvents {
  const batch = ok(parseWebhook(fixture(name)));
  expect(batch.skipped).toEqual([]);
  expect(batch.numbers).toHaveLength(1);
  const [events] = batch.numbers;
  if (!events) throw new Error('no number');
  return events;
}

const FIXTURES = [
  'text.json',
  'text-username-only.json',
  'image.json',
  'button-reply.json',
  'interactive.json',
  'reaction.json',
  'reply-context.json',
  'unsupported.json',
  'statuses-sent-delivered-read.json',
  'status-failed-131026.json',
  'status-failed-131047.json',
  'status-failed-130472.json',
  'batch.json',
  'template-updates.json',
];

describe('webhook body schema', () => {
  it.each(FIXTURES)('accepts %s as a whole', (name) => {
    expect(WebhookBodySchema.safeParse(fixture(name)).success).toBe(true);
  });

  it('tolerates and keeps fields Meta adds later', () => {
    const body = fixture('text.json') as { entry: { changes: { value: { messages: object[] } }[] }[] };
    const message = body.entry[0]?.changes[0]?.value.messages[0];
    Object.assign(message ?? {}, { added_in_2027: { any: 'shape' } });
    const parsed = WebhookBodySchema.parse(body);
    const change = parsed.entry[0]?.changes[0];
    expect(change?.field).toBe('messages');
    expect(change?.value).toMatchObject({ messages: [{ added_in_2027: { any: 'shape' } }] });
  });

  it('rejects a messages change without the business number metadata', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: {} }] }],
    };
    expect(WebhookBodySchema.safeParse(body).success).toBe(false);
  });
});

describe('parseWebhook: inbound messages', () => {
  it('reads a text with the sender phone, business-scoped id, username and Meta timestamp', () => {
    const events = onlyNumber('text.json');
    expect(events.phoneNumberId).toBe('106540352242922');
    expect(events.displayPhoneNumber).toBe('15550783881');
    expect(events.wabaId).toBe('419561257915477');
    expect(events.contacts).toEqual([
      {
        waId: '16505551234',
        bsuid: 'US.13491208655302741918',
        parentBsuid: 'US.ENT.11815799212886844830',
        profileName: 'Sheena Nelson',
        username: '@sheena.n',
      },
    ]);
    const [message] = events.inbound;
    expect(message?.wamid).toBe('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=');
    expect(message?.from).toEqual({
      waId: '16505551234',
      bsuid: 'US.13491208655302741918',
      parentBsuid: 'US.ENT.11815799212886844830',
    });
    expect(message?.contact?.profileName).toBe('Sheena Nelson');
    expect(message?.timestamp).toEqual(new Date(1749416383 * 1000));
    expect(message?.context).toBeNull();
    expect(message?.content).toEqual({ type: 'text', body: 'Does it come in another color?' });
    expect(message?.raw['type']).toBe('text');
  });

  it('accepts a message from a username user whose phone number is withheld', () => {
    const [message] = onlyNumber('text-username-only.json').inbound;
    expect(message?.from).toEqual({ waId: null, bsuid: 'BR.1502576394655843', parentBsuid: null });
    expect(message?.contact?.username).toBe('@dana.k');
    expect(message?.content).toEqual({ type: 'text', body: 'Oi, tudo bem?' });
  });

  it('reads an image with its media id, type, hash and caption', () => {
    const [message] = onlyNumber('image.json').inbound;
    expect(message?.content).toEqual({
      type: 'image',
      mediaId: '1003383421387256',
      mimeType: 'image/jpeg',
      sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
      caption: 'Comprovante de pagamento',
      url: null,
    });
  });

  it('reads a template quick-reply tap with its payload and the template it answers', () => {
    const [message] = onlyNumber('button-reply.json').inbound;
    expect(message?.content).toEqual({
      type: 'button',
      payload: 'bridgeline:opt_in:start',
      text: 'Start conversation',
    });
    expect(message?.context).toEqual({
      quotedWamid: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA',
      quotedFrom: '15550783881',
      forwarded: false,
      frequentlyForwarded: false,
    });
  });

  it('reads interactive button and list replies', () => {
    const [button, list] = onlyNumber('interactive.json').inbound;
    expect(button?.content).toEqual({
      type: 'interactive',
      kind: 'button_reply',
      replyId: 'cancel-button',
      title: 'Cancel',
      description: null,
    });
    expect(list?.content).toEqual({
      type: 'interactive',
      kind: 'list_reply',
      replyId: 'slot-tue-10',
      title: 'Tuesday 10:00',
      description: 'Branch office, Main St.',
    });
  });

  it('reads a reaction and its removal', () => {
    const [added, removed] = onlyNumber('reaction.json').inbound;
    const reacted = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA';
    expect(added?.content).toEqual({ type: 'reaction', reactedWamid: reacted, emoji: '👍' });
    expect(removed?.content).toEqual({ type: 'reaction', reactedWamid: reacted, emoji: null });
  });

  it('keeps the quoted wamid of a reply for routing', () => {
    const [message] = onlyNumber('reply-context.json').inbound;
    expect(message?.context?.quotedWamid).toBe(
      'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjNEQjQ1NkFCQ0RFRjAxMjM0NQA=',
    );
    expect(message?.content).toEqual({ type: 'text', body: 'Sim, pode agendar para quinta.' });
  });

  it('keeps location, order and unknown types as unsupported, never dropped', () => {
    const [location, order, poll] = onlyNumber('unsupported.json').inbound;
    expect(location?.content).toEqual({ type: 'unsupported', originalType: 'location', errors: [] });
    expect(location?.raw['location']).toMatchObject({ name: 'Meta HQ' });
    expect(order?.content).toEqual({ type: 'unsupported', originalType: 'order', errors: [] });
    expect(poll?.content).toEqual({
      type: 'unsupported',
      originalType: 'poll',
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          details: 'Message type is currently not supported.',
          href: null,
        },
      ],
    });
  });

  it('keeps a known type with malformed content as unsupported instead of rejecting the batch', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                messages: [
                  {
                    from: '16505551234',
                    id: 'wamid.X1',
                    timestamp: '1750000000',
                    type: 'text',
                    text: { bod: 'x' },
                  },
                  { from: '16505551234', id: 'wamid.X2', timestamp: '1750000001', type: 'image', image: {} },
                ],
              },
            },
          ],
        },
      ],
    };
    const [events] = ok(parseWebhook(body)).numbers;
    expect(events?.inbound.map((m) => m.content)).toEqual([
      { type: 'unsupported', originalType: 'text', errors: [] },
      { type: 'unsupported', originalType: 'image', errors: [] },
    ]);
  });
});

describe('parseWebhook: statuses', () => {
  it('reads sent, delivered and read in the order sent, with our opaque id, conversation and pricing', () => {
    const { statuses } = onlyNumber('statuses-sent-delivered-read.json');
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    const [sent] = statuses;
    expect(sent).toMatchObject({
      wamid: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA',
      timestamp: new Date(1750091100 * 1000),
      recipient: { waId: '16505551234', bsuid: 'US.13491208655302741918', parentBsuid: null },
      bizOpaque: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
      errors: [],
      conversation: {
        id: 'c9a4b8d0e1f2a3b4c5d6e7f8a9b0c1d2',
        originType: 'service',
        expiresAt: new Date(1750177500 * 1000),
      },
      pricing: { billable: false, model: 'PMP', category: 'service', type: 'free_customer_service' },
    });
    expect(statuses[2]?.conversation).toBeNull();
  });

  it.each([
    ['status-failed-131026.json', 131026, 'Message undeliverable', 'Message Undeliverable.'],
    [
      'status-failed-131047.json',
      131047,
      'Re-engagement message',
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    ],
    [
      'status-failed-130472.json',
      130472,
      "User's number is part of an experiment",
      "Failed to send message because this user's phone number is part of an experiment",
    ],
  ])('keeps the code, title and details of a failure (%s)', (name, code, title, details) => {
    const [status] = onlyNumber(name).statuses;
    expect(status?.status).toBe('failed');
    expect(status?.bizOpaque).toMatch(/^msg_/);
    expect(status?.errors).toEqual([
      {
        code,
        title,
        message: title,
        details,
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ]);
  });

  it('skips a status it does not handle, with a reason, and keeps the others', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                statuses: [
                  { id: 'wamid.V', status: 'played', timestamp: '1750000000', recipient_id: '16505551234' },
                  {
                    id: 'wamid.W',
                    status: 'delivered',
                    timestamp: '1750000001',
                    recipient_id: '16505551234',
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const batch = ok(parseWebhook(body));
    expect(batch.numbers[0]?.statuses.map((s) => s.wamid)).toEqual(['wamid.W']);
    expect(batch.skipped).toEqual([
      { path: 'entry[0].changes[0].value.statuses[0]', reason: 'status wamid.V: unhandled status "played"' },
    ]);
  });
});

describe('parseWebhook: batches and envelopes', () => {
  it('groups several entries and changes by business number, in order, and lists ignored fields', () => {
    const batch = ok(parseWebhook(fixture('batch.json')));
    expect(batch.skipped).toEqual([]);
    expect(batch.ignoredFields).toEqual(['account_update']);
    expect(batch.numbers.map((n) => n.phoneNumberId)).toEqual(['106540352242922', '208374650192837']);
    const [first, second] = batch.numbers;
    expect(first?.inbound.map((m) => m.wamid)).toEqual([
      'wamid.BATCH.A1',
      'wamid.BATCH.A2',
      'wamid.BATCH.A3',
    ]);
    expect(first?.statuses.map((s) => `${s.wamid}:${s.status}`)).toEqual([
      'wamid.BATCH.OUT1:delivered',
      'wamid.BATCH.OUT1:read',
    ]);
    expect(second?.inbound.map((m) => m.wamid)).toEqual(['wamid.BATCH.B1']);
    expect(second?.statuses.map((s) => s.status)).toEqual(['sent']);
    expect(second?.contacts[0]?.profileName).toBe('João Araújo');
  });

  it('reads template status and quality updates for the template catalogue', () => {
    const batch = ok(parseWebhook(fixture('template-updates.json')));
    expect(batch.numbers).toEqual([]);
    expect(batch.templateUpdates).toEqual([
      {
        wabaId: '419561257915477',
        templateId: '1192339204654487',
        name: 'bridgeline_opt_in',
        language: 'en_US',
        status: 'APPROVED',
        reason: null,
        quality: null,
      },
      {
        wabaId: '419561257915477',
        templateId: '1192339204654487',
        name: 'bridgeline_opt_in',
        language: 'en_US',
        status: null,
        reason: null,
        quality: 'YELLOW',
      },
    ]);
  });

  it('skips a message without id or with a bad timestamp, and keeps the rest of the batch', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                messages: [
                  { from: '16505551234', timestamp: '1750000000', type: 'text', text: { body: 'no id' } },
                  {
                    from: '16505551234',
                    id: 'wamid.T0',
                    timestamp: '0',
                    type: 'text',
                    text: { body: 'epoch 0' },
                  },
                  { id: 'wamid.NOBODY', timestamp: '1750000000', type: 'text', text: { body: 'no sender' } },
                  {
                    from: '16505551234',
                    id: 'wamid.OK',
                    timestamp: 1750000002,
                    type: 'text',
                    text: { body: 'ok' },
                  },
                ],
              },
            },
            { field: 'messages', value: { metadata: { phone_number_id: 42 } } },
            'not a change',
          ],
        },
        { id: '2' },
      ],
    };
    const batch = ok(parseWebhook(body));
    expect(batch.numbers[0]?.inbound.map((m) => m.wamid)).toEqual(['wamid.OK']);
    expect(batch.numbers[0]?.inbound[0]?.timestamp).toEqual(new Date(1750000002 * 1000));
    expect(batch.skipped.map((s) => s.path)).toEqual([
      'entry[0].changes[0].value.messages[0]',
      'entry[0].changes[0].value.messages[1]',
      'entry[0].changes[0].value.messages[2]',
      'entry[0].changes[1].value',
      'entry[0].changes[2]',
      'entry[1]',
    ]);
  });

  it('refuses a body that is not a WhatsApp Business Account webhook', () => {
    expect(parseWebhook('text')).toMatchObject({ ok: false, reason: 'not_an_object' });
    expect(parseWebhook(null)).toMatchObject({ ok: false, reason: 'not_an_object' });
    expect(parseWebhook({ object: 'whatsapp_business_account' })).toMatchObject({
      ok: false,
      reason: 'not_an_object',
    });
    expect(parseWebhook({ object: 'page', entry: [] })).toMatchObject({ ok: false, reason: 'not_whatsapp' });
  });

  it('accepts an empty entry list', () => {
    expect(parseWebhook({ object: 'whatsapp_business_account', entry: [] })).toEqual({
      ok: true,
      numbers: [],
      templateUpdates: [],
      ignoredFields: [],
      skipped: [],
    });
  });
});
