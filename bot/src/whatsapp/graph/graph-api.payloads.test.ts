import { describe, expect, it } from 'vitest';
import {
  buildImagePayload,
  buildMarkReadPayload,
  buildTemplatePayload,
  buildTextPayload,
} from './graph-api.payloads.js';

// Shapes follow Meta's v23.0 OpenAPI request examples for POST /{Phone-Number-ID}/messages.
describe('message payload builders', () => {
  it('builds a text message without link preview', () => {
    expect(buildTextPayload('16505551234', 'Your card has been shipped.')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Your card has been shipped.' },
    });
  });

  it('adds the quoted wamid and our opaque id when given', () => {
    expect(
      buildTextPayload('16505551234', 'Yes, Thursday works.', {
        replyTo: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        bizOpaque: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
      }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Yes, Thursday works.' },
      context: { message_id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=' },
      biz_opaque_callback_data: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
    });
  });

  it('builds an image by media id, with a caption only when there is one', () => {
    expect(buildImagePayload('5511987654321', '1003383421387256')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'image',
      image: { id: '1003383421387256' },
    });
    expect(buildImagePayload('5511987654321', '1003383421387256', '', {})).toEqual(
      buildImagePayload('5511987654321', '1003383421387256'),
    );
    expect(
      buildImagePayload('5511987654321', '1003383421387256', 'Statement, May', { bizOpaque: 'msg_2' }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'image',
      image: { id: '1003383421387256', caption: 'Statement, May' },
      biz_opaque_callback_data: 'msg_2',
    });
  });

  it('builds a template with body parameters and quick-reply payloads as indexed button components', () => {
    expect(
      buildTemplatePayload(
        '16505551234',
        {
          name: 'bridgeline_opt_in',
          language: 'en_US',
          bodyParameters: ['Dana', 'Contoso Bank'],
          quickReplyPayloads: ['bridgeline:opt_in:start', 'bridgeline:opt_in:stop'],
        },
        { bizOpaque: 'msg_01J8Z3Q4R5S6T7V8W9X0OPTIN' },
      ),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: {
        name: 'bridgeline_opt_in',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Dana' },
              { type: 'text', text: 'Contoso Bank' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'bridgeline:opt_in:start' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'bridgeline:opt_in:stop' }],
          },
        ],
      },
      biz_opaque_callback_data: 'msg_01J8Z3Q4R5S6T7V8W9X0OPTIN',
    });
  });

  it('omits components for a template without parameters or buttons', () => {
    expect(buildTemplatePayload('16505551234', { name: 'hello_world', language: 'en_US' })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
  });

  it('builds a read receipt, with the typing indicator only on request', () => {
    const wamid = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';
    expect(buildMarkReadPayload(wamid)).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: wamid,
    });
    expect(buildMarkReadPayload(wamid, { typingIndicator: true })).toEqual({
      message_id: wamid,
      messaging_product: 'whatsapp',
      status: 'read',
      typing_indicator: { type: 'text' },
    });
  });
});
