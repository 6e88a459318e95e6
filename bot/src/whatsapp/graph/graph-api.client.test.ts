import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from './graph-api.client.js';
import { GRAPH, TOKEN, PNID, MESSAGES, SEND_OK, client, jsonBody, useNock } from './__tests__/graph-nock.js';

useNock();

describe('GraphApiClient sends', () => {
  it('sends a text with the bearer token, JSON content type and the exact body', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, SEND_OK);

    const result = await client().sendText(PNID, '+16505551234', 'Your card has been shipped.', {
      bizOpaque: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
      replyTo: 'wamid.QUOTED',
    });

    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Your card has been shipped.' },
      context: { message_id: 'wamid.QUOTED' },
      biz_opaque_callback_data: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
    });
    expect(result).toEqual({
      wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA',
      waId: '16505551234',
      input: '+16505551234',
      messageStatus: null,
    });
  });

  it('sends an image by media id with its caption', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, SEND_OK);

    await client().sendImage(PNID, '16505551234', '1003383421387256', 'Statement, May', {
      bizOpaque: 'msg_2',
    });

    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'image',
      image: { id: '1003383421387256', caption: 'Statement, May' },
      biz_opaque_callback_data: 'msg_2',
    });
  });

  it('sends a template with body parameters and quick-reply payloads, and reads its message status', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: '551187654321', wa_id: '551187654321' }],
        messages: [{ id: 'wamid.TEMPLATE1', message_status: 'accepted' }],
      });

    const result = await client().sendTemplate(
      PNID,
      '5511987654321',
      {
        name: 'bridgeline_resume',
        language: 'pt_BR',
        bodyParameters: ['João'],
        quickReplyPayloads: ['bridgeline:resume'],
      },
      { bizOpaque: 'msg_3' },
    );

    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'template',
      template: {
        name: 'bridgeline_resume',
        language: { code: 'pt_BR' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'João' }] },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'bridgeline:resume' }],
          },
        ],
      },
      biz_opaque_callback_data: 'msg_3',
    });
    // Meta resolved the number to the wa_id without Brazil's 9th digit: the core keeps both.
    expect(result).toEqual({
      wamid: 'wamid.TEMPLATE1',
      waId: '551187654321',
      input: '551187654321',
      messageStatus: 'accepted',
    });
  });

  it('marks a message as read', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, { success: true });

    expect(await client().markRead(PNID, 'wamid.IN1')).toBe(true);
    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' });
  });

  it('uses the configured base URL and the one API version', async () => {
    const scope = nock('http://127.0.0.1:3978')
      .post(`/sandbox/graph/${GRAPH_API_VERSION}/${PNID}/messages`)
      .reply(200, SEND_OK);
    await client({ baseUrl: 'http://127.0.0.1:3978/sandbox/graph/' }).sendText(PNID, '16505551234', 'hi');
    expect(scope.isDone()).toBe(true);
    expect(GRAPH_API_VERSION).toBe('v23.0');
  });
});
