import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from '../config.js';
import type { AppContext } from '../app/context.js';
import type { WhatsAppGateway } from '../ports.js';
import { createSandbox } from '../sandbox/sandbox.module.js';
import { GraphApiClient } from './graph-api.client.js';
import { GraphWhatsAppGateway } from './graph-whatsapp.gateway.js';
import { webhookSecrets } from './sandbox-credentials.js';
import { ingestWebhook } from './webhook-ingest.js';
import { registerWebhookRoutes } from './webhook.routes.js';

export interface WhatsAppModule {
  gateway: WhatsAppGateway;
  routes: (server: Server) => void;
  listening: (baseUrl: string) => void;
}

/**
 * The WhatsApp side of the composition root: the Cloud API through the Graph client when WHATSAPP_ACCESS_TOKEN is
 * set, otherwise the sandbox.
 */
export function createWhatsAppModule(deps: { config: Config; ctx: AppContext; log: Logger }): WhatsAppModule {
  const { config, log } = deps;
  const sandbox = config.sandbox ? createSandbox(deps) : null;
  const gateway =
    sandbox?.gateway ??
    new GraphWhatsAppGateway({
      client: new GraphApiClient({
        baseUrl: config.env.WHATSAPP_GRAPH_BASE_URL,
        apiVersion: config.env.WHATSAPP_API_VERSION,
        accessToken: config.env.WHATSAPP_ACCESS_TOKEN!,
      }),
      logger: log,
    });
  return {
    gateway,
    routes: (server) => {
      registerWebhookRoutes(server, {
        log,
        ...webhookSecrets(config.env),
        maxBytes: config.env.WHATSAPP_WEBHOOK_MAX_BYTES,
        ingest: async (batch, raw) => {
          const summary = await ingestWebhook({ ctx: deps.ctx, log }, batch, raw);
          log.debug(summary, 'WhatsApp webhook stored');
        },
      });
      sandbox?.routes(server);
    },
    listening: (baseUrl) => sandbox?.listening(baseUrl),
  };
}
