import {
  CreateThreadBody,
  Message,
  MessageListQuery,
  Page,
  ReadBody,
  SendMessageBody,
  Thread,
  ThreadListQuery,
} from '@bridgeline/shared';
import { resendOptIn } from '../../app/resend-opt-in.use-case.js';
import { sendMessage } from '../../app/send-message.use-case.js';
import { startThread } from '../../app/start-thread.use-case.js';
import { getThread, listMessages, listThreads, markRead } from '../../app/thread-views.use-case.js';
import { sendJson, sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/** The inbox: threads, their messages, sending, read marks and the opt-in request. */
export const threadRoutes = [
  route({
    method: 'get',
    path: '/api/v1/threads',
    operationId: 'listThreads',
    summary: 'Inbox page, newest activity first',
    auth: 'enabled',
    query: ThreadListQuery,
    response: { status: 200, schema: Page(Thread) },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await listThreads(deps.ctx, caller, query)),
  }),
  route({
    method: 'post',
    path: '/api/v1/threads',
    operationId: 'startThread',
    summary: 'Start a thread (409 consent_required without sendOptIn)',
    auth: 'enabled',
    body: CreateThreadBody,
    response: { status: 201, schema: Thread },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await startThread(deps.ctx, caller, body), 201),
  }),
  route({
    method: 'get',
    path: '/api/v1/threads/:id',
    operationId: 'getThread',
    summary: 'One thread',
    auth: 'enabled',
    params: IdParams,
    response: { status: 200, schema: Thread },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await getThread(deps.ctx, caller, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/v1/threads/:id/messages',
    operationId: 'listMessages',
    summary: 'Messages the caller may see, newest first',
    auth: 'enabled',
    params: IdParams,
    query: MessageListQuery,
    response: { status: 200, schema: Page(Message) },
    handle: async ({ res, deps, caller, params, query }) =>
      sendOutcome(res, await listMessages(deps.ctx, caller, params.id, query)),
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/messages',
    operationId: 'sendMessage',
    summary: 'Send (idempotent by clientMessageId)',
    auth: 'enabled',
    params: IdParams,
    body: SendMessageBody,
    response: {
      status: 201,
      schema: Message,
      also: { 200: 'A message with this clientMessageId was sent already: that message' },
    },
    handle: async ({ res, deps, caller, params, body }) => {
      const outcome = await sendMessage(deps.ctx, caller, params.id, body);
      if (!outcome.ok) return sendOutcome(res, outcome);
      sendJson(res, outcome.value.created ? 201 : 200, outcome.value.message);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/read',
    operationId: 'markRead',
    summary: 'Mark read up to a message',
    auth: 'enabled',
    params: IdParams,
    body: ReadBody,
    response: { status: 204 },
    handle: async ({ res, deps, caller, params, body }) => {
      const outcome = await markRead(deps.ctx, caller, params.id, body.upTo);
      if (!outcome.ok) return sendOutcome(res, outcome);
      res.status(204);
      res.end();
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/threads/:id/opt-in-requests',
    operationId: 'resendOptIn',
    summary: 'Resend the opt-in request (once per 24 h)',
    auth: 'enabled',
    params: IdParams,
    response: { status: 201, schema: Thread },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await resendOptIn(deps.ctx, caller, params.id), 201),
  }),
];
