import { z } from 'zod';
import { DevTokenBody } from '@bridgeline/shared';
import { problem, sendJson, sendProblem } from '../problem.js';
import { route } from '../route-table.js';

/** Thrown by the `ready` check to say what is missing; /readyz answers 503 with its message. */
export class NotReady extends Error {}

const Status = (status: string) => z.object({ status: z.literal(status) });
const ClientConfig = z.object({ authMode: z.enum(['dev', 'entra']), sandbox: z.boolean() });
const DevToken = z.object({
  token: z.string(),
  member: z.object({ id: z.uuid(), displayName: z.string() }),
});

/** Health, the OpenAPI document, the tab's configuration and (dev mode only) the dev token endpoint. */
export const systemRoutes = [
  route({
    method: 'get',
    path: '/healthz',
    operationId: 'liveness',
    summary: 'Liveness',
    auth: 'public',
    response: { status: 200, schema: Status('ok') },
    handle: async ({ res }) => sendJson(res, 200, { status: 'ok' }),
  }),
  route({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Readiness: 503 unavailable until the database answers',
    auth: 'public',
    response: { status: 200, schema: Status('ready') },
    handle: async ({ res, deps }) => {
      const ready = await deps.ready().catch((err: unknown) => (err instanceof NotReady ? err : false));
      if (ready === true) return sendJson(res, 200, { status: 'ready' });
      sendProblem(
        res,
        problem('unavailable', ready instanceof NotReady ? ready.message : 'The database is not reachable.'),
      );
    },
  }),
  route({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This document',
    auth: 'public',
    response: { status: 200 },
    handle: async ({ res, deps }) => sendJson(res, 200, deps.openApi()),
  }),
  route({
    method: 'get',
    path: '/api/v1/config',
    operationId: 'getClientConfig',
    summary: 'What the tab needs before signing in',
    auth: 'public',
    response: { status: 200, schema: ClientConfig },
    handle: async ({ res, deps }) => sendJson(res, 200, deps.clientConfig),
  }),
  route({
    method: 'post',
    path: '/api/v1/dev/token',
    operationId: 'issueDevToken',
    summary: 'Dev mode: a token for a seeded member',
    auth: 'public',
    onlyWith: 'dev-sign-in',
    body: DevTokenBody,
    response: { status: 200, schema: DevToken },
    handle: async ({ res, deps: { dev, uow }, body: { email } }) => {
      if (!dev) return sendProblem(res, problem('not_found'));
      const [member] = await uow.run((store) => store.members.byEmailAnyTenant(email));
      if (!member) return sendProblem(res, problem('not_found', `No member with the email ${email}.`));
      sendJson(res, 200, {
        token: await dev.issue(member),
        member: { id: member.id, displayName: member.displayName },
      });
    },
  }),
];
