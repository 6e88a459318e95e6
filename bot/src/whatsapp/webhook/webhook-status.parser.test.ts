import { describe, expect, it } from 'vitest';
import { parseWebhook } from './webhook-payload.parser.js';
import { ok, onlyNumber } from './__tests__/webhook-fixtures.js';

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
