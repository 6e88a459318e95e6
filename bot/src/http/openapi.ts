import { z } from 'zod';
import * as api from '@bridgeline/shared';
import { WebhookBodySchema } from '../whatsapp/webhook/webhook-payload.schema.js';

/**
 * GET /api/openapi.json, generated from the same zod schemas the server validates with. Every route the server
 * registers is here except the tab's static files and the sandbox (a stand-in for Meta's Cloud API, not Bridgeline's
 * API); bot/test/api/openapi.test.ts holds the two lists together.
 */
type Op = {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
  /** Not behind the member's bearer token (health, Meta's signed webhook, the Bot Framework's own tokens). */
  public?: true;
  /** A request body that is not JSON (multipart upload, Meta's signed bytes). */
  requestBody?: object;
  /** A success response that is not JSON. */
  content?: object;
};

const Status = (status: string) => z.object({ status: z.literal(status) });
const ClientConfig = z.object({ authMode: z.enum(['dev', 'entra']), sandbox: z.boolean() });
const Handshake = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string(),
  'hub.challenge': z.string(),
});

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
  '/api/v1/events': {
    get: {
      summary: 'Server-Sent Events of visible changes',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
  },
  '/api/v1/templates': {
    get: { summary: 'Approved templates of the tenant', response: z.array(api.Template) },
  },
  '/api/v1/media': {
    post: {
      summary: 'Upload an image to send (JPEG or PNG sniffed from the bytes, at most 5 MB; 413 when larger)',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
            },
          },
        },
      },
      response: api.MediaUploaded,
      status: 201,
    },
  },
  '/api/v1/media/{id}': {
    get: {
      summary: 'The bytes of an image the caller may see (404 otherwise)',
      content: {
        'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
        'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
      },
    },
  },
  '/api/v1/config': {
    get: { summary: 'What the tab needs before signing in', response: ClientConfig, public: true },
  },
  '/api/v1/dev/token': {
    post: { summary: 'Dev mode: a token for a seeded member', body: api.DevTokenBody, public: true },
  },
  '/api/whatsapp/webhook': {
    get: {
      summary:
        "Meta's verification handshake: the challenge as text when the verify token matches (403 otherwise)",
      query: Handshake,
      content: { 'text/plain': { schema: { type: 'string' } } },
      public: true,
    },
    post: {
      summary:
        "Meta's events, signed (X-Hub-Signature-256 over the raw bytes; 401 without, 413 over the size cap), stored before the 200",
      body: WebhookBodySchema,
      response: z.object({ received: z.literal(true) }),
      public: true,
    },
  },
  '/api/messages': {
    post: {
      summary: 'Bot Framework activities from Teams (authenticated by the Bot Framework token)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      public: true,
    },
  },
  '/api/openapi.json': { get: { summary: 'This document', public: true } },
  '/healthz': { get: { summary: 'Liveness', response: Status('ok'), public: true } },
  '/readyz': {
    get: {
      summary: 'Readiness: 503 unavailable until the database answers',
      response: Status('ready'),
      public: true,
    },
  },
};

const SIGNATURE_HEADER = {
  name: 'X-Hub-Signature-256',
  in: 'header',
  required: true,
  schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
};

function queryParameters(query: z.ZodObject | undefined): object[] {
  if (!query) return [];
  return Object.entries(query.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schema(field as z.ZodType),
  }));
}

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const cached = new Map<boolean, object>();

/** The API this server serves: the dev token endpoint only when dev sign-in is on. */
export function openApiDocument(options: { devSignIn: boolean } = { devSignIn: true }): object {
  const known = cached.get(options.devSignIn);
  if (known) return known;
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, methods] of Object.entries(ops)) {
    if (path === '/api/v1/dev/token' && !options.devSignIn) continue;
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const headers = path === '/api/whatsapp/webhook' && method === 'post' ? [SIGNATURE_HEADER] : [];
      paths[path][method] = {
        summary: op.summary,
        parameters: [...params, ...queryParameters(op.query), ...headers],
        ...(op.public ? { security: [] } : {}),
        ...(op.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
          : op.requestBody
            ? { requestBody: op.requestBody }
            : {}),
        responses: {
          [String(op.status ?? 200)]: op.response
            ? { description: 'OK', content: { 'application/json': { schema: schema(op.response) } } }
            : op.content
              ? { description: 'OK', content: op.content }
              : { description: 'OK' },
          default: {
            description: 'A problem',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      };
    }
  }
  const document = {
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
  cached.set(options.devSignIn, document);
  return document;
}
