import type { Server } from 'restify';
import type { Logger } from 'pino';
import { DevTokenBody } from '@bridgeline/shared';
import type { UnitOfWork } from '../../ports/index.js';
import type { DevAuthenticator } from '../auth.js';
import { handle } from '../handler.js';
import { bodyOf, parse, problem, sendJson, sendProblem } from '../problem.js';
import { openApiDocument } from '../openapi.js';

/** Thrown by the `ready` check to say what is missing; /readyz answers 503 with its message. */
export class NotReady extends Error {}

/** Health, the OpenAPI document, the tab's configuration and (dev mode only) the dev token endpoint. */
export function registerSystemRoutes(
  server: Server,
  deps: {
    log: Logger;
    ready: () => Promise<boolean>;
    uow: UnitOfWork;
    dev: DevAuthenticator | null;
    clientConfig: { authMode: 'dev' | 'entra'; sandbox: boolean };
  },
): void {
  const { log } = deps;
  server.get(
    '/healthz',
    handle(log, async (_req, res) => sendJson(res, 200, { status: 'ok' })),
  );
  server.get(
    '/readyz',
    handle(log, async (_req, res) => {
      const ready = await deps.ready().catch((err: unknown) => (err instanceof NotReady ? err : false));
      if (ready === true) sendJson(res, 200, { status: 'ready' });
      else
        sendProblem(
          res,
          problem(
            'unavailable',
            ready instanceof NotReady ? ready.message : 'The database is not reachable.',
          ),
        );
    }),
  );
  server.get(
    '/api/openapi.json',
    handle(log, async (_req, res) => sendJson(res, 200, openApiDocument({ devSignIn: deps.dev !== null }))),
  );
  server.get(
    '/api/v1/config',
    handle(log, async (_req, res) => sendJson(res, 200, deps.clientConfig)),
  );

  const dev = deps.dev;
  if (dev) {
    server.post(
      '/api/v1/dev/token',
      handle(log, async (req, res) => {
        const { email } = parse(DevTokenBody, bodyOf(req));
        const [member] = await deps.uow.run((store) => store.members.byEmailAnyTenant(email));
        if (!member) return sendProblem(res, problem('not_found', `No member with the email ${email}.`));
        sendJson(res, 200, {
          token: await dev.issue(member),
          member: { id: member.id, displayName: member.displayName },
        });
      }),
    );
  }
}
