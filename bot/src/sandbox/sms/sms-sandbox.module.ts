import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Clock, SmsGateway } from '../../ports/index.js';
import { SmsSandbox } from './sms-sandbox.js';
import { registerSmsSandboxRoutes } from './sms-sandbox.routes.js';

export { SmsSandbox } from './sms-sandbox.js';

export interface SmsSandboxModule {
  gateway: SmsGateway;
  sms: SmsSandbox;
  routes: (server: Server) => void;
}

/** SMS_PROVIDER=sandbox: the simulated SMS provider and the contact's texts, posting Event Grid-shaped events. */
export function createSmsSandbox(deps: {
  clock: Clock;
  log: Logger;
  secret: string;
  defaultBusinessPhone: string;
}): SmsSandboxModule {
  const log = deps.log.child({ module: 'sandbox-sms' });
  const sms = new SmsSandbox({ ...deps, log });
  return {
    gateway: sms,
    sms,
    routes: (server) => {
      registerSmsSandboxRoutes(server, { sms, log });
      server.server.once('listening', () => {
        const address = server.server.address() as AddressInfo | null;
        if (address && typeof address === 'object') sms.bind(`http://127.0.0.1:${address.port}`);
      });
      server.server.once('close', () => sms.close());
    },
  };
}
