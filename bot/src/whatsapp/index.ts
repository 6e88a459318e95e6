/**
 * The WhatsApp adapter's public entry: what the composition root and the sandbox use. Nothing else in the adapter is
 * imported from outside it.
 */
export {
  createWhatsAppModule,
  metaGraphEndpoint,
  type GraphEndpoint,
  type LoadOutboundMedia,
  type WhatsAppModule,
} from './whatsapp.module.js';
export { GraphApiClient } from './graph/graph-api.client.js';
export { GraphWhatsAppGateway, type GraphWhatsAppGatewayOptions } from './graph/graph-whatsapp.gateway.js';
export { SANDBOX_APP_SECRET } from './webhook/sandbox-credentials.js';
export { signBody } from './webhook/webhook-signature.js';
export type {
  WebhookBody,
  WebhookContact,
  WebhookMessage,
  WebhookStatus,
} from './webhook/webhook-payload.schema.js';
export { WHATSAPP_ROUTE_DOCS } from './whatsapp.openapi.js';
export { INBOX_LANES } from './webhook/webhook-inbox.js';
export type { InboxBatch, WhatsAppContext } from './webhook/webhook-inbox.port.js';
