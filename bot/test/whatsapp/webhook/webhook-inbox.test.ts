import { describe, expect, it } from 'vitest';
import { inboxItems, RecentBodies } from '../../../src/whatsapp/webhook/webhook-inbox.js';
import { parseWebhook, type WebhookBatch } from '../../../src/whatsapp/webhook/webhook-payload.parser.js';
import { aBody, aStatus, aText, messagesValue } from './webhook-builders.js';

const at = new Date('2026-03-02T09:00:00Z');

function batchOf(body: unknown): WebhookBatch {
  const parsed = parseWebhook(body);
  if (!parsed.ok) throw new Error('not a webhook body');
  return parsed;
}

describe('webhook inbox items', () => {
  it('puts every message of one contact in one lane, whichever Brazilian spelling Meta uses', () => {
    const items = inboxItems(
      batchOf(
        aBody([
          messagesValue('5511987654321', [aText('5511987654321', 'a', at)]),
          messagesValue('551187654321', [aText('551187654321', 'b', at)]),
        ]),
      ),
    );
    expect(items.map((i) => i.kind)).toEqual(['message', 'message']);
    expect(items[0]?.lane).toBe(items[1]?.lane);
  });

  it('keeps each status once per wamid and status, in the lane of its message', () => {
    const items = inboxItems(
      batchOf(aBody([{ statuses: [aStatus('wamid.A', 'delivered', at), aStatus('wamid.A', 'read', at)] }])),
    );
    expect(items.map((i) => i.providerId)).toEqual(['wamid.A:delivered', 'wamid.A:read']);
    expect(items[0]?.lane).toBe(items[1]?.lane);
  });

  it('stores each item as a one-item body the parser reads back to the same message', () => {
    const message = aText('14155550123', 'Olá', at);
    const [item] = inboxItems(batchOf(aBody([messagesValue('14155550123', [message], 'Ana')])));
    const again = batchOf(item?.payload);
    expect(again.numbers[0]?.inbound[0]).toMatchObject({
      wamid: message['id'],
      content: { type: 'text', body: 'Olá' },
      contact: { waId: '14155550123', profileName: 'Ana' },
    });
  });
});

describe('recently stored bodies', () => {
  it('remembers what was stored and forgets the oldest beyond its capacity', () => {
    const recent = new RecentBodies(2);
    recent.add('a');
    recent.add('b');
    recent.add('c');
    expect([recent.has('a'), recent.has('b'), recent.has('c')]).toEqual([false, true, true]);
  });
});
