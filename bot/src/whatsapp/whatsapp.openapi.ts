import { z } from 'zod';
import { MediaUploaded } from '@bridgeline/shared';
import type { RouteDoc } from '../http/index.js';
import { WebhookBodySchema } from './webhook/webhook-payload.schema.js';
import { WEBHOOK_PATH } from './webhook/webhook.routes.js';

const Handshake = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string(),
  'hub.challenge': z.string(),
});

const SIGNATURE_HEADER = {
  name: 'X-Hub-Signature-256',
  in: 'header',
  required: true,
  schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
};

/**
 * What the OpenAPI document says of the routes this adapter registers itself (webhook.routes.ts, media.routes.ts): they
 * read their own bodies (Meta's signed bytes, a multipart upload), so they are not entries of the web adapter's table.
 */
export const WHATSAPP_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'get',
    path: WEBHOOK_PATH,
    operationId: 'verifyWhatsAppWebhook',
    summary:
      "Meta's verification handshake: the challenge as text when the verify token matches (403 otherwise)",
    auth: 'public',
    query: Handshake,
    response: { status: 200, content: { 'text/plain': { schema: { type: 'string' } } } },
  },
  {
    method: 'post',
    path: WEBHOOK_PATH,
    operationId: 'receiveWhatsAppWebhook',
    summary:
      "Meta's events, signed (X-Hub-Signature-256 over the raw bytes; 401 without, 413 over the size cap), stored before the 200",
    auth: 'public',
    headers: [SIGNATURE_HEADER],
    body: WebhookBodySchema,
    response: { status: 200, schema: z.object({ received: z.literal(true) }) },
  },
  {
    method: 'post',
    path: '/api/v1/media',
    operationId: 'uploadMedia',
    summary: 'Upload an image to send (JPEG or PNG sniffed from the bytes, at most 5 MB; 413 when larger)',
    auth: 'enabled',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
          },
        },
      },
    },
    response: { status: 201, schema: MediaUploaded },
  },
  {
    method: 'get',
    path: '/api/v1/media/:id',
    operationId: 'getMedia',
    summary: 'The bytes of an image the caller may see (404 otherwise)',
    auth: 'enabled',
    response: {
      status: 200,
      content: {
        'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
        'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
      },
    },
  },
];
