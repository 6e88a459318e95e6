import type { Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  AddMemberBody,
  ContactQuery,
  CreateContactBody,
  CreateMemberBody,
  CreateThreadBody,
  MemberQuery,
  MessageListQuery,
  ReadBody,
  SendMessageBody,
  ThreadListQuery,
  TransferBody,
  UpdateMemberBody,
} from '@bridgeline/shared';
import type { AppContext } from '../../app/context.js';
import { addMember } from '../../app/membership/add-member.use-case.js';
import { claimThread } from '../../app/membership/claim-thread.use-case.js';
import { decideRejoin, listRejoinRequests, requestRejoin } from '../../app/membership/rejoin.use-case.js';
import { leaveThread, removeMember } from '../../app/membership/remove-member.use-case.js';
import { transferThread } from '../../app/membership/transfer-thread.use-case.js';
import {
  createContact,
  createMember,
  listContacts,
  searchMembers,
  updateMember,
} from '../../app/people.use-case.js';
import { presentMe } from '../../app/presenters.js';
import { resendOptIn } from '../../app/resend-opt-in.use-case.js';
import { sendMessage } from '../../app/send-message.use-case.js';
import { startThread } from '../../app/start-thread.use-case.js';
import { listApprovedTemplates } from '../../app/templates.use-case.js';
import { getThread, listMessages, listThreads, markRead } from '../../app/thread-views.use-case.js';
import type { Authenticator } from '../auth.js';
import { authed, queryOf, type CallerRequirement } from '../handler.js';
import { bodyOf, parse, sendJson, sendOutcome } from '../problem.js';

const Id = z.object({ id: z.uuid() });
const IdAndMember = z.object({ id: z.uuid(), memberId: z.uuid() });
const IdAndRequest = z.object({ id: z.uuid(), requestId: z.uuid() });

/** The tab's REST API (described by the OpenAPI document at GET /api/openapi.json). Handlers translate HTTP and call one use case. */
export function registerApiRoutes(server: Server, ctx: AppContext, auth: Authenticator, log: Logger): void {
  // Every route needs an enabled member unless it says otherwise (handler.ts `CallerRequirement`).
  const route = (fn: Parameters<typeof authed>[2], requires?: CallerRequirement) =>
    authed(log, auth, fn, requires ? { requires } : {});

  // A member who is not enabled still learns who they are, so the tab can say why it shows nothing.
  server.get(
    '/api/v1/me',
    route(async (_req, res, caller) => sendJson(res, 200, presentMe(caller)), 'signed-in'),
  );

  server.get(
    '/api/v1/members',
    route(async (req, res, caller) => {
      sendOutcome(res, await searchMembers(ctx, caller, parse(MemberQuery, queryOf(req))));
    }),
  );
  server.get(
    '/api/v1/admin/members',
    route(async (req, res, caller) => {
      sendOutcome(res, await searchMembers(ctx, caller, parse(MemberQuery, queryOf(req))));
    }, 'admin'),
  );
  server.post(
    '/api/v1/admin/members',
    route(async (req, res, caller) => {
      sendOutcome(res, await createMember(ctx, caller, parse(CreateMemberBody, bodyOf(req))), 201);
    }, 'admin'),
  );
  server.patch(
    '/api/v1/admin/members/:id',
    route(async (req, res, caller) => {
      const { id } = parse(Id, req.params);
      sendOutcome(res, await updateMember(ctx, caller, id, parse(UpdateMemberBody, bodyOf(req))));
    }, 'admin'),
  );

  server.get(
    '/api/v1/contacts',
    route(async (req, res, caller) => {
      sendOutcome(res, await listContacts(ctx, caller, parse(ContactQuery, queryOf(req)).query));
    }),
  );
  server.post(
    '/api/v1/contacts',
    route(async (req, res, caller) => {
      const outcome = await createContact(ctx, caller, parse(CreateContactBody, bodyOf(req)));
      if (!outcome.ok) return sendOutcome(res, outcome);
      sendJson(res, outcome.value.created ? 201 : 200, outcome.value.contact);
    }),
  );

  server.get(
    '/api/v1/threads',
    route(async (req, res, caller) => {
      sendOutcome(res, await listThreads(ctx, caller, parse(ThreadListQuery, queryOf(req))));
    }),
  );
  server.post(
    '/api/v1/threads',
    route(async (req, res, caller) => {
      sendOutcome(res, await startThread(ctx, caller, parse(CreateThreadBody, bodyOf(req))), 201);
    }),
  );
  server.get(
    '/api/v1/threads/:id',
    route(async (req, res, caller) => {
      sendOutcome(res, await getThread(ctx, caller, parse(Id, req.params).id));
    }),
  );
  server.get(
    '/api/v1/threads/:id/messages',
    route(async (req, res, caller) => {
      sendOutcome(
        res,
        await listMessages(ctx, caller, parse(Id, req.params).id, parse(MessageListQuery, queryOf(req))),
      );
    }),
  );
  server.post(
    '/api/v1/threads/:id/messages',
    route(async (req, res, caller) => {
      const outcome = await sendMessage(
        ctx,
        caller,
        parse(Id, req.params).id,
        parse(SendMessageBody, bodyOf(req)),
      );
      if (!outcome.ok) return sendOutcome(res, outcome);
      sendJson(res, outcome.value.created ? 201 : 200, outcome.value.message);
    }),
  );
  server.post(
    '/api/v1/threads/:id/read',
    route(async (req, res, caller) => {
      const outcome = await markRead(
        ctx,
        caller,
        parse(Id, req.params).id,
        parse(ReadBody, bodyOf(req)).upTo,
      );
      if (!outcome.ok) return sendOutcome(res, outcome);
      res.status(204);
      res.end();
    }),
  );
  server.post(
    '/api/v1/threads/:id/opt-in-requests',
    route(async (req, res, caller) => {
      sendOutcome(res, await resendOptIn(ctx, caller, parse(Id, req.params).id), 201);
    }),
  );

  server.post(
    '/api/v1/threads/:id/members',
    route(async (req, res, caller) => {
      sendOutcome(
        res,
        await addMember(ctx, caller, parse(Id, req.params).id, parse(AddMemberBody, bodyOf(req))),
        201,
      );
    }),
  );
  server.del(
    '/api/v1/threads/:id/members/:memberId',
    route(async (req, res, caller) => {
      const { id, memberId } = parse(IdAndMember, req.params);
      sendOutcome(res, await removeMember(ctx, caller, id, memberId));
    }),
  );
  server.post(
    '/api/v1/threads/:id/leave',
    route(async (req, res, caller) => {
      sendOutcome(res, await leaveThread(ctx, caller, parse(Id, req.params).id));
    }),
  );
  server.post(
    '/api/v1/threads/:id/transfer',
    route(async (req, res, caller) => {
      sendOutcome(
        res,
        await transferThread(
          ctx,
          caller,
          parse(Id, req.params).id,
          parse(TransferBody, bodyOf(req)).memberId,
        ),
      );
    }),
  );
  server.post(
    '/api/v1/threads/:id/claim',
    route(async (req, res, caller) => {
      sendOutcome(res, await claimThread(ctx, caller, parse(Id, req.params).id));
    }),
  );
  server.get(
    '/api/v1/threads/:id/rejoin-requests',
    route(async (req, res, caller) => {
      sendOutcome(res, await listRejoinRequests(ctx, caller, parse(Id, req.params).id));
    }),
  );
  server.post(
    '/api/v1/threads/:id/rejoin-requests',
    route(async (req, res, caller) => {
      sendOutcome(res, await requestRejoin(ctx, caller, parse(Id, req.params).id), 201);
    }),
  );
  for (const verdict of ['approve', 'decline'] as const) {
    server.post(
      `/api/v1/threads/:id/rejoin-requests/:requestId/${verdict}`,
      route(async (req, res, caller) => {
        const { id, requestId } = parse(IdAndRequest, req.params);
        sendOutcome(res, await decideRejoin(ctx, caller, id, requestId, verdict));
      }),
    );
  }

  // The tenant's approved templates, from the catalogue synced from Meta (or the sandbox).
  server.get(
    '/api/v1/templates',
    route(async (_req, res, caller) => {
      sendOutcome(res, await listApprovedTemplates(ctx, caller));
    }),
  );
}
