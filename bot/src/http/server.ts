import restify from 'restify';
import type { Logger } from 'pino';
import type { AppContext } from '../app/context.js';
import type { LiveEventSource, UnitOfWork } from '../ports.js';
import type { Authenticator, DevAuthenticator } from './auth.js';
import { problem, sendProblem } from './problem.js';
import { registerApiRoutes } from './routes/api-v1.routes.js';
import { registerEventRoutes } from './routes/events.routes.js';
import { registerSystemRoutes } from './routes/system.routes.js';
import { registerStaticTab } from './static-tab.js';

export interface HttpDeps {
  log: Logger;
  ctx: AppContext;
  uow: UnitOfWork;
  auth: Authenticator;
  dev: DevAuthenticator | null;
  live: LiveEventSource;
  ready: () => Promise<boolean>;
  clientConfig: { authMode: 'dev' | 'entra'; sandbox: boolean };
  tabDir: string | null;
  /** Routes of other adapters (WhatsApp webhook, Bot Framework, sandbox), added before the tab's catch-all. */
  extraRoutes?: ((server: restify.Server) => void)[];
}

/** The one HTTP server: API, SSE, health, the tab's files, and whatever adapters add. */
export function createHttpServer(deps: HttpDeps): restify.Server {
  const server = restify.createServer({ name: 'bridgeline', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.on(
    'restifyError',
    (req: restify.Request, res: restify.Response, err: { statusCode?: number }, cb: () => void) => {
      // Restify's own refusals (no route, wrong method) answer in our problem format too.
      if (!res.headersSent) {
        const status = err.statusCode ?? 500;
        // A refusal of the request (a body the parser cannot read, 413, 415) is the client's, never a 500.
        const code =
          status === 404
            ? 'not_found'
            : status === 413
              ? 'payload_too_large'
              : status >= 400 && status < 500
                ? 'validation_failed'
                : 'internal';
        sendProblem(
          res,
          problem(code, err.statusCode === 405 ? `${req.method} is not allowed here.` : undefined),
        );
      }
      cb();
    },
  );
  server.on('after', (req: restify.Request, res: restify.Response) => {
    deps.log.debug(
      { method: req.method, path: req.path(), status: res.statusCode, reqId: req.id() },
      'request',
    );
  });

  registerSystemRoutes(server, {
    log: deps.log,
    ready: deps.ready,
    uow: deps.uow,
    dev: deps.dev,
    clientConfig: deps.clientConfig,
  });
  registerApiRoutes(server, deps.ctx, deps.auth, deps.log);
  registerEventRoutes(server, deps.ctx, deps.auth, deps.live, deps.log);
  for (const add of deps.extraRoutes ?? []) add(server);
  if (deps.tabDir) registerStaticTab(server, deps.tabDir, deps.log);
  return server;
}
