import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ArchiveExport, CreateArchiveExportBody } from '@bridgeline/shared';
import {
  downloadArchiveExport,
  getArchiveExport,
  listArchiveExports,
  requestArchiveExport,
} from '../../app/compliance/archive-exports.use-case.js';
import { problem, sendJson, sendOutcome, sendProblem } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/** Exports of the compliance archive (admins): start one, follow it, list them, download the zip once done. */
export const archiveExportRoutes = [
  route({
    method: 'post',
    path: '/api/v1/admin/archive/exports',
    operationId: 'adminCreateArchiveExport',
    summary: 'Starts an export of the archive (JSON Lines, EML per thread-day or RSMF 2.0), written by a job',
    auth: 'admin',
    body: CreateArchiveExportBody,
    response: { status: 202, schema: ArchiveExport },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await requestArchiveExport(deps.compliance, caller, body), 202),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/archive/exports',
    operationId: 'adminListArchiveExports',
    summary: "The tenant's archive exports, newest first",
    auth: 'admin',
    response: { status: 200, schema: z.array(ArchiveExport) },
    handle: async ({ res, deps, caller }) =>
      sendJson(res, 200, await listArchiveExports(deps.compliance, caller)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/archive/exports/:id',
    operationId: 'adminGetArchiveExport',
    summary: 'One archive export: its status, and its counts (progress while it runs)',
    auth: 'admin',
    params: IdParams,
    response: { status: 200, schema: ArchiveExport },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await getArchiveExport(deps.compliance, caller, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/archive/exports/:id/download',
    operationId: 'adminDownloadArchiveExport',
    summary: "A finished export's zip, manifest.json at its root; 409 while it runs or once it failed",
    auth: 'admin',
    params: IdParams,
    response: {
      status: 200,
      content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    },
    handle: async ({ res, deps, caller, params }) => {
      const found = await downloadArchiveExport(deps.compliance, caller, params.id);
      if (!found.ok) return sendProblem(res, problem(found.code, found.detail));
      const { fileName, bytes, content } = found.value;
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': String(bytes),
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      await pipeline(Readable.from(content), res);
    },
  }),
];
