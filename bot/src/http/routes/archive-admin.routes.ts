import { z } from 'zod';
import {
  ArchiveSettingsBody,
  ArchiveSettingsView,
  CreateLegalHoldBody,
  LegalHold,
  LegalHoldListQuery,
} from '@bridgeline/shared';
import { getArchiveSettings, updateArchiveSettings } from '../../app/compliance/archive-settings.use-case.js';
import {
  createLegalHold,
  listLegalHolds,
  releaseLegalHold,
} from '../../app/compliance/legal-holds.use-case.js';
import { sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/** The archive's settings (retention, journal) and legal holds (admins; docs/archive.md). */
export const archiveAdminRoutes = [
  route({
    method: 'get',
    path: '/api/v1/admin/archive/settings',
    operationId: 'adminGetArchiveSettings',
    summary: "The tenant's retention (days) and whether the SMTP journal runs",
    auth: 'admin',
    response: { status: 200, schema: ArchiveSettingsView },
    handle: async ({ res, deps, caller }) =>
      sendOutcome(res, await getArchiveSettings(deps.compliance, caller)),
  }),
  route({
    method: 'put',
    path: '/api/v1/admin/archive/settings',
    operationId: 'adminUpdateArchiveSettings',
    summary: 'Change the retention or the journal; the change is archived (who, before, after)',
    auth: 'admin',
    body: ArchiveSettingsBody,
    response: { status: 200, schema: ArchiveSettingsView },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await updateArchiveSettings(deps.compliance, caller, body)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/legal-holds',
    operationId: 'adminListLegalHolds',
    summary: 'Active legal holds, newest first (`all=true`: released ones too)',
    auth: 'admin',
    query: LegalHoldListQuery,
    response: { status: 200, schema: z.array(LegalHold) },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(
        res,
        await listLegalHolds(deps.compliance, caller, { includeReleased: query.all === 'true' }),
      ),
  }),
  route({
    method: 'post',
    path: '/api/v1/admin/legal-holds',
    operationId: 'adminCreateLegalHold',
    summary: 'Put a contact, a thread or a member on legal hold: retention removes nothing it covers',
    auth: 'admin',
    body: CreateLegalHoldBody,
    response: { status: 201, schema: LegalHold },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await createLegalHold(deps.compliance, caller, body), 201),
  }),
  route({
    method: 'delete',
    path: '/api/v1/admin/legal-holds/:id',
    operationId: 'adminReleaseLegalHold',
    summary: 'Release a legal hold (kept, with when and by whom)',
    auth: 'admin',
    params: IdParams,
    response: { status: 200, schema: LegalHold },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await releaseLegalHold(deps.compliance, caller, params.id)),
  }),
];
