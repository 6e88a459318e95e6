import { describe, expect, it } from 'vitest';
import { parseWebhook } from './webhook-payload.parser.js';
import { ok, onlyNumber } from './__tests__/webhook-fixtures.js';

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
