import { z } from 'zod';
import { AddMemberBody, RejoinRequest, Thread, TransferBody } from '@bridgeline/shared';
import { addMember } from '../../app/membership/add-member.use-case.js';
import { claimThread } from '../../app/membership/claim-thread.use-case.js';
import { decideRejoin, listRejoinRequests, requestRejoin } from '../../app/membership/rejoin.use-case.js';
import { leaveThread, removeMember } from '../../app/membership/remove-member.use-case.js';
import { transferThread } from '../../app/membership/transfer-thread.use-case.js';
import { sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

const IdAndMember = z.object({ id: z.uuid(), memberId: z.uuid() });
const IdAndRequest = z.object({ id: z.uuid(), requestId: z.uuid() });
/** The thread as the caller now sees it: `null` once they no longer follow it. */
const ThreadAfter = Thread.nullable();

/** Who is in a thread: adding, removing, leaving, transferring, claiming, and asking to rejoin. */
export const membershipRoutes = [
  route({
    method: 'post',
    path: '/api/v1/threads/:id/members',
    operationId: 'addThreadMember',
    summary: 'Add a member',
    auth: 'enabled',
    params: IdParams,
    body: AddMemberBody,
    response: { status: 201, schema: ThreadAfter },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await addMember(deps.ctx, caller, params.id, body), 201),
  }),
  route({
    method: 'delete',
    path: '/api/v1/threads/:id/members/:memberId',
    operationId: 'removeThreadMember',
    summary: 'Remove a member',
    auth: 'enabled',
    params: IdAndMember,
    response: { status: 200, schema: ThreadAfter },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await removeMember(deps.ctx, caller, params.id, params.memberId)),
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/leave',
    operationId: 'leaveThread',
    summary: 'Leave the thread',
    auth: 'enabled',
    params: IdParams,
    response: { status: 200, schema: ThreadAfter },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await leaveThread(deps.ctx, caller, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/transfer',
    operationId: 'transferThread',
    summary: 'Transfer the thread',
    auth: 'enabled',
    params: IdParams,
    body: TransferBody,
    response: { status: 200, schema: ThreadAfter },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await transferThread(deps.ctx, caller, params.id, body.memberId)),
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/claim',
    operationId: 'claimThread',
    summary: 'Claim an Unassigned thread',
    auth: 'enabled',
    params: IdParams,
    response: { status: 200, schema: ThreadAfter },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await claimThread(deps.ctx, caller, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/v1/threads/:id/rejoin-requests',
    operationId: 'listRejoinRequests',
    summary: 'Pending rejoin requests',
    auth: 'enabled',
    params: IdParams,
    response: { status: 200, schema: z.array(RejoinRequest) },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await listRejoinRequests(deps.ctx, caller, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/rejoin-requests',
    operationId: 'requestRejoin',
    summary: 'Ask to rejoin',
    auth: 'enabled',
    params: IdParams,
    response: { status: 201, schema: RejoinRequest },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await requestRejoin(deps.ctx, caller, params.id), 201),
  }),
  ...(['approve', 'decline'] as const).map((verdict) =>
    route({
      method: 'post',
      path: `/api/v1/threads/:id/rejoin-requests/:requestId/${verdict}`,
      operationId: `${verdict}Rejoin`,
      summary: `${verdict === 'approve' ? 'Approve' : 'Decline'} a rejoin request`,
      auth: 'enabled',
      params: IdAndRequest,
      response: { status: 200, schema: ThreadAfter },
      handle: async ({ res, deps, caller, params }) =>
        sendOutcome(res, await decideRejoin(deps.ctx, caller, params.id, params.requestId, verdict)),
    }),
  ),
];
