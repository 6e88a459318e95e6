import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { Clock } from '../ports/index.js';
import {
  SANDBOX_APP_SECRET,
  type GraphApiClient,
  type GraphEndpoint,
  type LoadOutboundMedia,
} from '../whatsapp/index.js';
import { sandboxTemplates } from './graph/account-templates.js';
import { GraphFace } from './graph/graph-face.js';
import { registerSandboxGraphRoutes } from './graph/graph.routes.js';
import { PhoneFace } from './phone/phone-face.js';
import { registerSandboxPhoneRoutes } from './phone/phone.routes.js';
import { SandboxEndpoint } from './sandbox-endpoint.js';
import { registerSandboxSettingsRoutes } from './sandbox-settings.routes.js';
import { registerSandboxClockRoutes, ShiftableClock } from './sandbox-clock.js';
import { SandboxState } from './sandbox-state.js';
import { WebhookPoster } from './sandbox-webhook.poster.js';

export { ShiftableClock };

/** The sandbox as the WhatsApp module's Graph endpoint, with both faces of the simulator for in-process tools. */
export interface SandboxModule extends GraphEndpoint {
  routes: (server: Server) => void;
  /** Called once the HTTP server listens, with its base URL (the sandbox posts webhooks there). */
  listening: (baseUrl: string) => void;
  /** The simulator's one state, Meta's side and the contact's side of it; tests drive them over HTTP. */
  state: SandboxState;
  graph: GraphFace;
  phone: PhoneFace;
  close: () => void;
}

/** Meta writes `display_phone_number` as digits. */
function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * Sandbox mode (WHATSAPP_ACCESS_TOKEN unset; refused in production): a simulated WhatsApp Cloud API served in-process
 * under `/sandbox/graph/{version}/…` (Meta's side, `graph/`), the contact's phone page at `/sandbox` (the contact's
 * side, `phone/`), fault settings at `/sandbox/settings`. Contact actions and delivery statuses reach
 * `/api/whatsapp/webhook` as signed HTTP posts shaped like Meta's. The composition root hands this to the WhatsApp
 * module as its Graph endpoint instead of Meta's.
 */
export function createSandbox(deps: {
  config: Config;
  ctx: { clock: Clock };
  log: Logger;
  /** Reads an outbound image by our media id, so the gateway uploads it to the sandbox before sending (as with Meta). */
  loadMedia?: LoadOutboundMedia;
}): SandboxModule {
  const { config, ctx } = deps;
  const log = deps.log.child({ module: 'sandbox' });
  let webhookUrl: string | null = null;
  const reachable: (() => void)[] = [];
  const poster = new WebhookPoster({ appSecret: SANDBOX_APP_SECRET, target: () => webhookUrl, log });
  const state = new SandboxState({
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
  const graph = new GraphFace(state);
  const phone = new PhoneFace(state);
  const endpoint = new SandboxEndpoint({
    apiVersion: config.env.WHATSAPP_API_VERSION,
    logger: log,
    ...(deps.loadMedia ? { loadMedia: deps.loadMedia } : {}),
  });

  const listening = (baseUrl: string) => {
    if (webhookUrl !== null) return;
    const origin = new URL(baseUrl).origin;
    webhookUrl = `${origin}/api/whatsapp/webhook`;
    endpoint.bind(origin);
    log.info(
      { phone: `${origin}/sandbox`, graph: `${origin}/sandbox/graph` },
      'WhatsApp sandbox ready: play the contact at /sandbox',
    );
    for (const listener of reachable) listener();
  };
  const close = () => {
    poster.close();
    state.close();
  };

  return {
    gateway: endpoint,
    client: (): GraphApiClient | null => endpoint.client(),
    // The sandbox's catalogue (opt-in, resume, demo templates) becomes the tab's picker once the server listens.
    onReachable: (listener) => {
      reachable.push(listener);
    },
    state,
    graph,
    phone,
    listening,
    routes: (server) => {
      registerSandboxGraphRoutes(server, graph, log);
      registerSandboxPhoneRoutes(server, { phone, log });
      registerSandboxSettingsRoutes(server, { state, poster, log });
      if (ctx.clock instanceof ShiftableClock)
        registerSandboxClockRoutes(server, {
          clock: ctx.clock,
          production: config.env.NODE_ENV === 'production',
          log,
        });
      // The composition root may not tell us its address: learn it from the server itself.
      server.server.once('listening', () => {
        const address = server.server.address() as AddressInfo | null;
        if (address && typeof address === 'object') listening(`http://127.0.0.1:${address.port}`);
      });
      server.server.once('close', close);
    },
    close,
  };
}
