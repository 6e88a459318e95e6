import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from '../config.js';
import type { AppContext } from '../app/context.js';
import type { WhatsAppGateway } from '../ports.js';
import { InMemoryWhatsAppGateway } from './in-memory-whatsapp.gateway.js';

export interface SandboxModule {
  gateway: WhatsAppGateway;
  routes: (server: Server) => void;
  /** Called once the HTTP server listens, with its base URL (the sandbox posts webhooks there). */
  listening: (baseUrl: string) => void;
}

/**
 * Sandbox mode (WHATSAPP_ACCESS_TOKEN unset). Today sends are kept in memory; the simulated Cloud API and the
 * contact's phone page at /sandbox replace this (issue 3).
 */
export function createSandbox(_deps: { config: Config; ctx: AppContext; log: Logger }): SandboxModule {
  return { gateway: new InMemoryWhatsAppGateway(), routes: () => undefined, listening: () => undefined };
}
