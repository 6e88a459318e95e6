import type { RouteDoc } from '../http/index.js';

/** What the OpenAPI document says of the Bot Framework endpoint (teams.module.ts registers it). */
export const TEAMS_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/api/messages',
    operationId: 'receiveBotActivity',
    summary: 'Bot Framework activities from Teams (authenticated by the Bot Framework token)',
    auth: 'public',
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    response: { status: 200 },
  },
];
