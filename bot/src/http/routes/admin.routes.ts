import { z } from 'zod';
import {
  AuditPage,
  AuditQuery,
  BusinessNumber,
  BusinessProfile,
  CreateBusinessNumberBody,
  TenantSettings,
  UpdateBusinessNumberBody,
  UpdateBusinessProfileBody,
  UpdateTenantSettingsBody,
} from '@bridgeline/shared';
import { listAudit } from '../../app/admin/audit.use-case.js';
import { createNumber, listNumbers, updateNumber } from '../../app/admin/numbers.use-case.js';
import { getProfile, updateProfile } from '../../app/admin/profile.use-case.js';
import { getSettings, updateSettings } from '../../app/admin/settings.use-case.js';
import { sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/**
 * Administration (docs/admin.md): business numbers, their WhatsApp business profiles, the organisation's settings
 * and the audit of admin changes. Admins only.
 */
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
    path: '/api/v1/admin/numbers/:id/profile',
    operationId: 'adminGetBusinessProfile',
    summary: 'The WhatsApp business profile contacts see for this number, read from Meta',
    auth: 'admin',
    params: IdParams,
    response: { status: 200, schema: BusinessProfile },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await getProfile(deps.admin, caller, params.id)),
  }),
  route({
    method: 'patch',
    path: '/api/v1/admin/numbers/:id/profile',
    operationId: 'adminUpdateBusinessProfile',
    summary: 'Change the business profile at Meta (about ≤ 139 characters, at most 2 websites, …); archived',
    auth: 'admin',
    params: IdParams,
    body: UpdateBusinessProfileBody,
    response: { status: 200, schema: BusinessProfile },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await updateProfile(deps.admin, caller, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/settings',
    operationId: 'adminGetSettings',
    summary: "The organisation's settings: WhatsApp on/off, SMS help text, restrict incoming, default region",
    auth: 'admin',
    response: { status: 200, schema: TenantSettings },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await getSettings(deps.admin, caller)),
  }),
  route({
    method: 'patch',
    path: '/api/v1/admin/settings',
    operationId: 'adminUpdateSettings',
    summary: "Change the organisation's settings; archived (admin.settings_updated)",
    auth: 'admin',
    body: UpdateTenantSettingsBody,
    response: { status: 200, schema: TenantSettings },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await updateSettings(deps.admin, caller, body)),
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
