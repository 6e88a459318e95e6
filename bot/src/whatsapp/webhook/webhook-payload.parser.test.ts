import { describe, expect, it } from 'vitest';
import { parseWebhook } from './webhook-payload.parser.js';
import { WebhookBodySchema } from './webhook-payload.schema.js';
import { fixture, ok } from './__tests__/webhook-fixtures.js';

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

describe('parseWebhook: account-level changes', () => {
  it("reads a FLAGGED template with its disable date and a paused one with Meta's words", () => {
    const flagged = ok(parseWebhook(fixture('template-status-flagged.json'))).templateUpdates[0];
    expect(flagged).toMatchObject({ status: 'FLAGGED', disableDate: new Date('2026-04-01T00:00:00Z') });
    const paused = ok(parseWebhook(fixture('template-status-paused.json'))).templateUpdates[0];
    expect(paused).toMatchObject({
      status: 'PAUSED',
      category: 'UTILITY',
      detail: expect.stringMatching(/^FIRST_PAUSE: /),
    });
  });

  it('reads the number, event and limits of a phone_number_quality_update', () => {
    expect(ok(parseWebhook(fixture('phone-number-quality-downgrade.json'))).accountUpdates).toEqual([
      expect.objectContaining({
        displayPhone: '15550100001',
        event: 'DOWNGRADE',
        messagingLimit: 'TIER_250',
        previousLimit: 'TIER_1K',
      }),
    ]);
  });

  it('reads restrictions with their expiry, and a ban of the WABA as ACCOUNT_BANNED on every number', () => {
    const [restricted] = ok(parseWebhook(fixture('account-update-restriction.json'))).accountUpdates;
    expect(restricted?.restrictions).toEqual([
      { type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiresAt: new Date('2026-03-09T13:59:20Z') },
    ]);
    const [ban] = ok(parseWebhook(fixture('account-update-ban.json'))).accountUpdates;
    expect(ban).toMatchObject({
      displayPhone: null,
      restrictions: [{ type: 'ACCOUNT_BANNED', expiresAt: null }],
    });
  });

  it('keeps an unreadable change and an unknown field as unapplied, and reads their siblings', () => {
    const batch = ok(parseWebhook(fixture('account-changes-with-odd-items.json')));
    expect(batch.unapplied.map((u) => u.field)).toEqual(['account_update', 'business_capability_update']);
    expect(batch.templateUpdates).toHaveLength(1);
    expect(batch.accountUpdates).toEqual([expect.objectContaining({ messagingLimit: 'TIER_10K' })]);
  });
});

describe('parseWebhook: batches and envelopes', () => {
  it('groups several entries and changes by business number, in order, and reads the account update beside them', () => {
    const batch = ok(parseWebhook(fixture('batch.json')));
    expect(batch.skipped).toEqual([]);
    expect(batch.ignoredFields).toEqual([]);
    expect(batch.accountUpdates).toEqual([
      expect.objectContaining({
        field: 'account_update',
        displayPhone: '442071838750',
        event: 'VERIFIED_ACCOUNT',
      }),
    ]);
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
        category: null,
        disableDate: null,
        detail: null,
      },
      {
        wabaId: '419561257915477',
        templateId: '1192339204654487',
        name: 'bridgeline_opt_in',
        language: 'en_US',
        status: null,
        reason: null,
        quality: 'YELLOW',
        category: null,
        disableDate: null,
        detail: null,
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
      accountUpdates: [],
      ignoredFields: [],
      unapplied: [],
      skipped: [],
    });
  });
});
