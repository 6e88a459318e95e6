/**
 * The web adapter's public entry: what the composition root and other adapters (WhatsApp's webhook and media routes,
 * the Bot Framework endpoint) may use. Everything else in http/ is its own.
 */
export { DevAuthenticator, type Authenticator, type SignedIn } from './auth.js';
export { createEntraAuthenticator } from './entra-auth.js';
export { authed, authenticateRequest, queryOf, type CallerRequirement, type RawRequest } from './handler.js';
export { ProblemError, problem, sendJson, sendOutcome, sendProblem } from './problem.js';
export { answerUnstoredDelivery, BodyTooLarge, readBody } from './request-body.js';
export type { Access, Method, RouteDoc } from './route-table.js';
export { NotReady } from './routes/system.routes.js';
export { createHttpServer, type AdapterRoutes, type HttpDeps } from './server.js';
