import { z } from 'zod';
import * as api from '@bridgeline/shared';

/** GET /api/openapi.json, generated from the same zod schemas the server validates with. */
type Op = { summary: string; body?: z.ZodType; query?: z.ZodType; response?: z.ZodType; status?: number };

const ThreadPage = api.Page(api.Thread);
const MessagePage = api.Page(api.Message);
const ops: Record<string, Record<string, Op>> = {
  '/api/v1/me': { get: { summary: 'The signed-in member', response: api.Me } },
  '/api/v1/members': {
    get: { summary: 'Members of the tenant', query: api.MemberQuery, response: z.array(api.MemberSummary) },
  },
  '/api/v1/admin/members': {
    get: { summary: 'Members (admins)', response: z.array(api.MemberSummary) },
    post: { summary: 'Add a member', body: api.CreateMemberBody, response: api.MemberSummary, status: 201 },
  },
  '/api/v1/admin/members/{id}': {
    patch: { summary: 'Change a member', body: api.UpdateMemberBody, response: api.MemberSummary },
  },
  '/api/v1/contacts': {
    get: { summary: 'Search contacts', query: api.ContactQuery, response: z.array(api.Contact) },
    post: {
      summary: 'Create a contact from a phone number',
      body: api.CreateContactBody,
      response: api.Contact,
      status: 201,
    },
  },
  '/api/v1/threads': {
    get: { summary: 'Inbox page, newest activity first', query: api.ThreadListQuery, response: ThreadPage },
    post: {
      summary: 'Start a thread (409 consent_required without sendOptIn)',
      body: api.CreateThreadBody,
      response: api.Thread,
      status: 201,
    },
  },
  '/api/v1/threads/{id}': { get: { summary: 'One thread', response: api.Thread } },
  '/api/v1/threads/{id}/messages': {
    get: {
      summary: 'Messages the caller may see, newest first',
      query: api.MessageListQuery,
      response: MessagePage,
    },
    post: {
      summary: 'Send (idempotent by clientMessageId)',
      body: api.SendMessageBody,
      response: api.Message,
      status: 201,
    },
  },
  '/api/v1/threads/{id}/read': {
    post: { summary: 'Mark read up to a message', body: api.ReadBody, status: 204 },
  },
  '/api/v1/threads/{id}/opt-in-requests': {
    post: { summary: 'Resend the opt-in request (once per 24 h)', response: api.Thread, status: 201 },
  },
  '/api/v1/threads/{id}/members': {
    post: { summary: 'Add a member', body: api.AddMemberBody, response: api.Thread, status: 201 },
  },
  '/api/v1/threads/{id}/members/{memberId}': { delete: { summary: 'Remove a member', response: api.Thread } },
  '/api/v1/threads/{id}/leave': { post: { summary: 'Leave the thread' } },
  '/api/v1/threads/{id}/transfer': { post: { summary: 'Transfer the thread', body: api.TransferBody } },
  '/api/v1/threads/{id}/claim': { post: { summary: 'Claim an Unassigned thread', response: api.Thread } },
  '/api/v1/threads/{id}/rejoin-requests': {
    get: { summary: 'Pending rejoin requests', response: z.array(api.RejoinRequest) },
    post: { summary: 'Ask to rejoin', response: api.RejoinRequest, status: 201 },
  },
  '/api/v1/threads/{id}/rejoin-requests/{requestId}/approve': {
    post: { summary: 'Approve a rejoin request' },
  },
  '/api/v1/threads/{id}/rejoin-requests/{requestId}/decline': {
    post: { summary: 'Decline a rejoin request' },
  },
  '/api/v1/events': { get: { summary: 'Server-Sent Events of visible changes' } },
  '/api/v1/dev/token': { post: { summary: 'Dev mode: a token for a seeded member', body: api.DevTokenBody } },
};

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
let cached: object | null = null;

export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, methods] of Object.entries(ops)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      paths[path][method] = {
        summary: op.summary,
        parameters: params,
        ...(op.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
          : {}),
        responses: {
          [String(op.status ?? 200)]: op.response
            ? { description: 'OK', content: { 'application/json': { schema: schema(op.response) } } }
            : { description: 'OK' },
          default: {
            description: 'A problem',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      };
    }
  }
  cached = {
    openapi: '3.1.0',
    info: { title: 'Bridgeline API', version: '1' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(api.ERROR_CODES) },
            detail: { type: 'string' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
  };
  return cached;
}
