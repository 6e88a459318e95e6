import { z } from 'zod';
import {
  AuditPage,
  AuditQuery,
  BusinessNumber,
  CreateBusinessNumberBody,
  UpdateBusinessNumberBody,
} from '@bridgeline/shared';
import { listAudit } from '../../app/admin/audit.use-case.js';
import { createNumber, listNumbers, updateNumber } from '../../app/admin/numbers.use-case.js';
import { sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/** Administration (docs/admin.md): business numbers and the audit of admin changes. Admins only. */
export const adminRoutes = [
  route({
    method: 'get',
    path: '/api/v1/admin/numbers',
    operationId: 'adminListNumbers',
    summary: "The tenant's business numbers, WhatsApp and SMS, with what Meta reports of them",
    auth: 'admin',
    response: { status: 200, schema: z.array(BusinessNumber) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await listNumbers(deps.admin, caller)),
  }),
  route({
    method: 'post',
    path: '/api/v1/admin/numbers',
    operationId: 'adminCreateNumber',
    summary: 'Add a business number (WhatsApp: phone number id and WABA; SMS: the phone); archived',
    auth: 'admin',
    body: CreateBusinessNumberBody,
    response: { status: 201, schema: BusinessNumber },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await createNumber(deps.admin, caller, body), 201),
  }),
  route({
    method: 'patch',
    path: '/api/v1/admin/numbers/:id',
    operationId: 'adminUpdateNumber',
    summary:
      'Change a number: region, enabled, WABA, its opt-in and resume templates (null: the default); archived',
    auth: 'admin',
    params: IdParams,
    body: UpdateBusinessNumberBody,
    response: { status: 200, schema: BusinessNumber },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await updateNumber(deps.admin, caller, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/audit',
    operationId: 'adminListAudit',
    summary: "The archive's admin.* records, newest first (cursor: the previous page's nextCursor)",
    auth: 'admin',
    query: AuditQuery,
    response: { status: 200, schema: AuditPage },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await listAudit(deps.admin, caller, query.cursor)),
  }),
];
