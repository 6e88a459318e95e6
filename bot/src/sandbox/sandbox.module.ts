import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { AppContext } from '../app/context.js';
import type {
  BusinessNumberRecord,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  WhatsAppGateway,
} from '../ports/index.js';
import { GraphApiClient } from '../whatsapp/graph/graph-api.client.js';
import {
  GraphWhatsAppGateway,
  type GraphWhatsAppGatewayOptions,
} from '../whatsapp/graph/graph-whatsapp.gateway.js';
import { SANDBOX_APP_SECRET } from '../whatsapp/webhook/sandbox-credentials.js';
import { CloudApiSimulator } from './cloud-api.simulator.js';
import { registerSandboxGraphRoutes, SANDBOX_ACCESS_TOKEN } from './sandbox-graph.routes.js';
import { registerSandboxPhoneRoutes } from './sandbox-phone.routes.js';
import { sandboxTemplates } from './sandbox-templates.js';
import { WebhookPoster } from './sandbox-webhook.poster.js';

export interface SandboxModule {
  gateway: WhatsAppGateway;
  routes: (server: Server) => void;
  /** Called once the HTTP server listens, with its base URL (the sandbox posts webhooks there). */
  listening: (baseUrl: string) => void;
  /** The simulator itself, for in-process tools; tests drive it over HTTP. */
  simulator: CloudApiSimulator;
  close: () => void;
}

/**
 * The app's gateway in sandbox mode: the real `GraphWhatsAppGateway` and `GraphApiClient`, talking HTTP to the
 * simulated Cloud API under `${baseUrl}/sandbox/graph`. The base URL is known only once the server listens; a send
 * before that is retried like any transient failure.
 */
class SandboxGraphGateway implements WhatsAppGateway {
  private inner: GraphWhatsAppGateway | null = null;

  constructor(
    private readonly options: Omit<GraphWhatsAppGatewayOptions, 'client'> & { apiVersion: string },
  ) {}

  bind(baseUrl: string): void {
    const origin = new URL(baseUrl);
    this.inner = new GraphWhatsAppGateway({
      ...this.options,
      client: new GraphApiClient({
        baseUrl: `${origin.origin}/sandbox/graph`,
        apiVersion: this.options.apiVersion,
        accessToken: SANDBOX_ACCESS_TOKEN,
        // Media URLs point back at this server: allow its loopback host (http is accepted for loopback only).
        mediaHosts: [origin.host],
      }),
    });
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    if (!this.inner) {
      return {
        ok: false,
        kind: 'retry',
        code: 'sandbox_starting',
        title: 'The sandbox is not listening yet',
      };
    }
    return this.inner.send(message);
  }

  async markRead(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome> {
    if (!this.inner)
      return {
        ok: false,
        kind: 'retry',
        code: 'sandbox_starting',
        title: 'The sandbox is not listening yet',
      };
    return this.inner.markRead(from, providerMessageId);
  }
}

/** Meta writes `display_phone_number` as digits. */
function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * Sandbox mode (WHATSAPP_ACCESS_TOKEN unset; refused in production): a simulated WhatsApp Cloud API served in-process
 * under `/sandbox/graph/{version}/…`, the contact's phone page at `/sandbox`, fault settings at `/sandbox/settings`.
 * Contact actions and delivery statuses reach `/api/whatsapp/webhook` as signed HTTP posts shaped like Meta's.
 */
export function createSandbox(deps: {
  config: Config;
  ctx: AppContext;
  log: Logger;
  /** Reads an outbound image by our media id, so the gateway uploads it to the sandbox before sending (as with Meta). */
  loadMedia?: GraphWhatsAppGatewayOptions['loadMedia'];
}): SandboxModule {
  const { config, ctx } = deps;
  const log = deps.log.child({ module: 'sandbox' });
  let webhookUrl: string | null = null;
  const poster = new WebhookPoster({ appSecret: SANDBOX_APP_SECRET, target: () => webhookUrl, log });
  const simulator = new CloudApiSimulator({
    clock: ctx.clock,
    business: {
      wabaId: config.whatsapp.wabaId,
      phoneNumberId: config.whatsapp.phoneNumberId,
      displayPhoneNumber: digits(config.whatsapp.displayPhoneNumber),
      displayName: 'Contoso (sandbox)',
    },
    templates: sandboxTemplates(config.whatsapp.optInTemplate, config.whatsapp.resumeTemplate),
    poster,
  });
  const gateway = new SandboxGraphGateway({
    apiVersion: config.env.WHATSAPP_API_VERSION,
    logger: log,
    ...(deps.loadMedia ? { loadMedia: deps.loadMedia } : {}),
  });

  const listening = (baseUrl: string) => {
    if (webhookUrl !== null) return;
    const origin = new URL(baseUrl).origin;
    webhookUrl = `${origin}/api/whatsapp/webhook`;
    gateway.bind(origin);
    log.info(
      { phone: `${origin}/sandbox`, graph: `${origin}/sandbox/graph` },
      'WhatsApp sandbox ready: play the contact at /sandbox',
    );
  };

  return {
    gateway,
    simulator,
    listening,
    routes: (server) => {
      registerSandboxGraphRoutes(server, simulator, log);
      registerSandboxPhoneRoutes(server, { sim: simulator, poster, clock: ctx.clock, log });
      // The composition root may not tell us its address: learn it from the server itself.
      server.server.once('listening', () => {
        const address = server.server.address() as AddressInfo | null;
        if (address && typeof address === 'object') listening(`http://127.0.0.1:${address.port}`);
      });
      server.server.once('close', () => {
        poster.close();
        simulator.close();
      });
    },
    close: () => {
      poster.close();
      simulator.close();
    },
  };
}
