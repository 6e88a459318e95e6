import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from '../config.js';
import { numberRule } from '../domain/rate-limit.js';
import type { SmsGateway } from '../ports/index.js';
import type { WhatsAppContext } from '../whatsapp/index.js';
import { AcsSmsGateway } from './acs/acs-sms.gateway.js';
import { acceptSmsEvents } from './event-grid/sms-inbox.js';
import { registerSmsEventsRoutes } from './event-grid/sms-events.routes.js';
import { RateLimitedSmsGateway } from './rate-limited-sms.gateway.js';

export { SMS_ROUTE_DOCS } from './sms.openapi.js';

export interface SmsModule {
  /** Sends, with the per-number rate limit in front. */
  gateway: SmsGateway;
  routes: (server: Server) => void;
}

/** Azure Communication Services from ACS_CONNECTION_STRING (SMS_PROVIDER=acs). */
export function acsGateway(deps: { connectionString: string; log: Logger }): SmsGateway {
  return new AcsSmsGateway({ connectionString: deps.connectionString, logger: deps.log });
}

/**
 * The SMS side of the composition root (product.md §8): the provider's gateway it is given (ACS, or the sandbox),
 * rate-limited per number, and the Event Grid edge at /api/sms/events, which stores into the webhook inbox.
 */
export function createSmsModule(deps: {
  config: Config;
  ctx: WhatsAppContext;
  log: Logger;
  provider: SmsGateway;
  /** Lanes of the inbox that gained items: a worker of this process applies them at once. */
  nudge: (lanes: number[]) => void;
}): SmsModule {
  const { config, ctx } = deps;
  const log = deps.log.child({ module: 'sms' });
  const gateway = new RateLimitedSmsGateway(
    deps.provider,
    (tenantId, key, rule) => ctx.uow.run((store) => store.rateLimits.take(tenantId, key, rule, new Date())),
    numberRule(config.sms.ratePerSecond),
  );
  return {
    gateway,
    routes: (server) =>
      registerSmsEventsRoutes(server, {
        log,
        secret: config.sms.eventsSecret,
        maxBytes: config.env.WHATSAPP_WEBHOOK_MAX_BYTES,
        accept: async (events, raw) => deps.nudge(await acceptSmsEvents({ ctx, log }, events, raw)),
      }),
  };
}
