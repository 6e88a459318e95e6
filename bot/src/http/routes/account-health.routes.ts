import { z } from 'zod';
import {
  AdminTemplate,
  HealthAlert,
  NumberHealth,
  PutRateCardBody,
  RateCard,
  Usage,
  UsageQuery,
} from '@bridgeline/shared';
import {
  listAdminTemplates,
  listHealthAlerts,
  listNumberHealth,
} from '../../app/account-health/admin-health.use-case.js';
import { getRateCard, getUsage, putRateCard } from '../../app/account-health/usage.use-case.js';
import { sendOutcome } from '../problem.js';
import { route } from '../route-table.js';

/** WhatsApp account health (docs/admin.md): templates as Meta reports them, number health, alerts, usage and cost. */
export const accountHealthRoutes = [
  route({
    method: 'get',
    path: '/api/v1/admin/templates',
    operationId: 'adminListTemplates',
    summary:
      'Every template Meta reports, with `status` and `quality` kept current by webhooks, whether it can be sent and which flow uses it',
    auth: 'admin',
    response: { status: 200, schema: z.array(AdminTemplate) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await listAdminTemplates(deps.ctx, caller)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/numbers/health',
    operationId: 'adminNumberHealth',
    summary:
      "Each WhatsApp number's quality rating, messaging limit and restrictions as Meta last reported them, with the latest changes",
    auth: 'admin',
    response: { status: 200, schema: z.array(NumberHealth) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await listNumberHealth(deps.ctx, caller)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/alerts',
    operationId: 'adminHealthAlerts',
    summary:
      'What an admin must act on now (templates the opt-in or resume flow cannot send, numbers in trouble)',
    auth: 'admin',
    response: { status: 200, schema: z.array(HealthAlert) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await listHealthAlerts(deps.ctx, caller)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/usage',
    operationId: 'adminUsage',
    summary:
      'Priced WhatsApp messages of a month (default: this one) per category, number and member, charged or free, with the estimate from the rate card',
    auth: 'admin',
    query: UsageQuery,
    response: { status: 200, schema: Usage },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await getUsage(deps.ctx, caller, query.month)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/rate-card',
    operationId: 'adminGetRateCard',
    summary: "The tenant's price per charged message and category, to estimate spend",
    auth: 'admin',
    response: { status: 200, schema: RateCard },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await getRateCard(deps.ctx, caller)),
  }),
  route({
    method: 'put',
    path: '/api/v1/admin/rate-card',
    operationId: 'adminPutRateCard',
    summary: 'Replace the rate card; archived (`admin.rate_card_updated`, before and after)',
    auth: 'admin',
    body: PutRateCardBody,
    response: { status: 200, schema: RateCard },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await putRateCard(deps.ctx, caller, body)),
  }),
];
