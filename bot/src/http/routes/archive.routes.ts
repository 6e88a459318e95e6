import { ArchiveHealth, ArchivePublicKey, ArchiveVerifyResult } from '@bridgeline/shared';
import { archiveHealth, archivePublicKey } from '../../app/compliance/archive-health.use-case.js';
import { verifyArchive } from '../../app/compliance/verify-archive.use-case.js';
import { sendJson } from '../problem.js';
import { route } from '../route-table.js';

/** The compliance archive's health, its verification and the key its checkpoints are signed with (admins). */
export const archiveRoutes = [
  route({
    method: 'get',
    path: '/api/v1/admin/archive',
    operationId: 'adminArchiveHealth',
    summary: "The archive's health: records, head, last checkpoint and verification, journal and CRM lag",
    auth: 'admin',
    response: { status: 200, schema: ArchiveHealth },
    handle: async ({ res, deps, caller }) => sendJson(res, 200, await archiveHealth(deps.compliance, caller)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/archive/verify',
    operationId: 'adminVerifyArchive',
    summary: "Verifies the tenant's archive now: every record, its links and the signed checkpoints",
    auth: 'admin',
    response: { status: 200, schema: ArchiveVerifyResult },
    handle: async ({ res, deps, caller }) =>
      sendJson(res, 200, await verifyArchive(deps.compliance, caller.tenantId)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/archive/public-key',
    operationId: 'adminArchivePublicKey',
    summary: 'The Ed25519 public key the archive checkpoints are signed with',
    auth: 'admin',
    response: { status: 200, schema: ArchivePublicKey },
    handle: async ({ res, deps }) => sendJson(res, 200, archivePublicKey(deps.compliance)),
  }),
];
