import restify from 'restify';
import type { Logger } from 'pino';
import type { AppContext } from '../app/context.js';
import type { AdminContext } from '../app/admin/admin-context.js';
import type { ComplianceContext } from '../app/compliance/compliance-context.js';
import type { LiveEventSource, UnitOfWork } from '../ports/index.js';
import type { Authenticator, DevAuthenticator } from './auth.js';
import type { Problem } from '@bridgeline/shared';
import { openApiDocument } from './openapi.js';
import { problem, sendProblem } from './problem.js';
import { registerRoutes, type RouteDoc } from './route-table.js';
import { API_ROUTES } from './routes/index.js';
import { registerStaticTab } from './static-tab.js';

/** Routes another adapter registers itself (WhatsApp webhook and media, Bot Framework, sandbox), and their description. */
export interface AdapterRoutes {
  register: (server: restify.Server) => void;
  /** What the OpenAPI document says of them; a route left out must be one of `UNDESCRIBED_ROUTES`. */
  describes: readonly RouteDoc[];
}

export interface HttpDeps {
  log: Logger;
  ctx: AppContext;
  /** The compliance archive's use cases (admin routes under /api/v1/admin/archive). */
  compliance: ComplianceContext;
  /** The admin area's use cases (numbers, tenant settings, audit under /api/v1/admin). */
  admin: AdminContext;
  uow: UnitOfWork;
  auth: Authenticator;
  dev: DevAuthenticator | null;
  live: LiveEventSource;
  ready: () => Promise<boolean>;
  clientConfig: { authMode: 'dev' | 'entra'; sandbox: boolean };
  tabDir: string | null;
  /** Added after this module's routes and before the tab's catch-all. */
  adapters?: AdapterRoutes[];
}

/** The one HTTP server: API, SSE, health, the tab's files, and whatever adapters add. */
export function createHttpServer(deps: HttpDeps): restify.Server {
  const server = restify.createServer({ name: 'bridgeline', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  // Every answer, whatever route or refusal produced it: a browser never guesses a type other than the one sent.
  server.pre((_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  server.on(
    'restifyError',
    (req: restify.Request, res: restify.Response, err: { statusCode?: number }, cb: () => void) => {
      // Restify's own refusals answer in our problem format too: no route (404), a path that exists with other
      // methods (405; restify has already set `Allow` to them), a body its parser refuses.
      if (!res.headersSent) sendProblem(res, restifyProblem(req, res, err.statusCode, server));
      cb();
    },
  );
  server.on('after', (req: restify.Request, res: restify.Response) => {
    deps.log.debug(
      { method: req.method, path: req.path(), status: res.statusCode, reqId: req.id() },
      'request',
    );
  });

  const adapters = deps.adapters ?? [];
  const described = [...API_ROUTES, ...adapters.flatMap((a) => a.describes)];
  registerRoutes(server, API_ROUTES, {
    ...deps,
    openApi: () => openApiDocument(described, { devSignIn: deps.dev !== null }),
  });
  for (const adapter of adapters) adapter.register(server);
  if (deps.tabDir) registerStaticTab(server, deps.tabDir, deps.log);
  return server;
}

function restifyProblem(
  req: restify.Request,
  res: restify.Response,
  status: number | undefined,
  server: restify.Server,
): Problem {
  if (status === 404) return problem('not_found');
  if (status === 405) {
    const allow = allowedMethods(req, res, server);
    if (allow.length === 0) {
      res.removeHeader('allow');
      return problem('not_found');
    }
    res.setHeader('allow', allow.join(', '));
    return problem('method_not_allowed', `${req.method} is not allowed here; allowed: ${allow.join(', ')}.`);
  }
  // A body restify's parser refuses (the bot endpoint's): too large, or not the JSON it says it is.
  if (status === 413) return problem('payload_too_large');
  if (status !== undefined && status >= 400 && status < 500) return problem('validation_failed');
  return problem('internal');
}

type RouteRegistry = { lookup(method: string, pathname: string): { route?: { path?: unknown } } | undefined };

/**
 * The methods restify found for the path (its `Allow`), without the tab's catch-all `GET /*` under `/api/`: that one
 * answers 404 there, so `DELETE /api/v1/nothing` is a 404 too, not a 405 that offers GET.
 */
function allowedMethods(req: restify.Request, res: restify.Response, server: restify.Server): string[] {
  const found = String(res.getHeader('allow') ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const pathname = req.getUrl().pathname ?? '';
  if (!pathname.startsWith('/api/') || !found.includes('GET')) return found;
  // restify 11 keeps its routes in a find-my-way registry; without it, keep its answer.
  const registry = (server.router as unknown as { _registry?: RouteRegistry })._registry;
  const get = registry?.lookup('GET', pathname);
  if (get?.route?.path !== '/*') return found;
  return found.filter((m) => m !== 'GET' && m !== 'HEAD');
}
