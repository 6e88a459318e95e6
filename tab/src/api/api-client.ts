import type {
  AddMemberBody,
  CreateContactBody,
  CreateMemberBody,
  CreateThreadBody,
  MemberQuery,
  Page,
  SchemaInput,
  SendMessageBody,
  ThreadListQuery,
  UpdateMemberBody,
} from '@bridgeline/shared';
import { ApiError, apiErrorFromProblem, networkError } from './api-error.js';
import type { AnswerOf, CallOf, EndpointKey } from './endpoints.js';

export type { Page };

/** The inbox's filters (`GET /threads`): the list query without its paging. */
export type ThreadFilter = Pick<ThreadListQuery, 'channel' | 'state' | 'query'>;
export type MemberFilter = MemberQuery;

export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => Promise<string | null>;
  /** Called once a request answers 401, so the shell can ask the member to sign in again. */
  onUnauthorized?: () => void;
}

type Query = Record<string, string | number | undefined>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// The server answers these lists as bare arrays (the OpenAPI document); a page is accepted too, as it always was.
export function itemsOf<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items;
}

export const API_BASE = '/api/v1';

export function createApiClient({ baseUrl = API_BASE, getToken, onUnauthorized }: ApiClientOptions) {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = await getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    } catch {
      throw networkError();
    }
    if (!response.ok) {
      const problem: unknown = await response.json().catch(() => null);
      if (response.status === 401) onUnauthorized?.();
      throw apiErrorFromProblem(response.status, problem);
    }
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, body);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The method, path (parameters filled in, query added) and body of a call of endpoint `key`. */
  function request<K extends EndpointKey>(key: K, args: CallOf<K>): [string, string, unknown] {
    const {
      params = {},
      query,
      body,
    } = args as { params?: Record<string, string>; query?: Query; body?: unknown };
    const space = key.indexOf(' ');
    const path = key
      .slice(space + 1)
      .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    return [key.slice(0, space), withQuery(path, query), body];
  }

  /** Calls endpoint `key` (`METHOD /path/:param`) with its parameters, query and body, typed by endpoints.ts. */
  function call<K extends EndpointKey>(key: K, args: CallOf<K>): Promise<AnswerOf<K>> {
    return json<AnswerOf<K>>(...request(key, args));
  }

  /** Calls an endpoint that answers a file (endpoints.ts: `answer: Blob`): the raw response, once it is a success. */
  function callRaw<K extends EndpointKey>(
    key: AnswerOf<K> extends Blob ? K : never,
    args: CallOf<K>,
  ): Promise<Response> {
    return send(...request(key, args));
  }

  return {
    getConfig: () => call('GET /config', {}),
    devToken: (email: string) => call('POST /dev/token', { body: { email } }),
    me: () => call('GET /me', {}),

    listThreads: (filter: ThreadFilter, cursor?: string) =>
      call('GET /threads', { query: { ...filter, cursor } }),
    getThread: (id: string) => call('GET /threads/:id', { params: { id } }),
    createThread: (body: SchemaInput<typeof CreateThreadBody>) => call('POST /threads', { body }),
    claim: (id: string) => call('POST /threads/:id/claim', { params: { id } }),
    markRead: (id: string, upTo: string) =>
      call('POST /threads/:id/read', { params: { id }, body: { upTo } }),
    resendOptIn: (id: string) => call('POST /threads/:id/opt-in-requests', { params: { id } }),

    listMessages: (id: string, before?: string) =>
      call('GET /threads/:id/messages', { params: { id }, query: { before } }),
    sendMessage: (id: string, body: SchemaInput<typeof SendMessageBody>) =>
      call('POST /threads/:id/messages', { params: { id }, body }),

    uploadMedia: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return call('POST /media', { body: form });
    },
    mediaBlob: async (mediaId: string) => (await send('GET', `/media/${encodeURIComponent(mediaId)}`)).blob(),

    addMember: (id: string, memberId: string, shareHistory: boolean) => {
      const body: SchemaInput<typeof AddMemberBody> = { memberId, shareHistory };
      return call('POST /threads/:id/members', { params: { id }, body });
    },
    removeMember: (id: string, memberId: string) =>
      call('DELETE /threads/:id/members/:memberId', { params: { id, memberId } }),
    leave: (id: string) => call('POST /threads/:id/leave', { params: { id } }),
    transfer: (id: string, memberId: string) =>
      call('POST /threads/:id/transfer', { params: { id }, body: { memberId } }),
    requestRejoin: (id: string) => call('POST /threads/:id/rejoin-requests', { params: { id } }),
    listRejoinRequests: async (id: string) =>
      itemsOf(await call('GET /threads/:id/rejoin-requests', { params: { id } })),
    decideRejoin: (id: string, requestId: string, decision: 'approve' | 'decline') =>
      call(`POST /threads/:id/rejoin-requests/:requestId/${decision}`, { params: { id, requestId } }),

    listTemplates: async () => itemsOf(await call('GET /templates', {})),
    listMembers: async (filter: MemberFilter) =>
      itemsOf(await call('GET /members', { query: { ...filter } })),
    listContacts: async (query?: string) => itemsOf(await call('GET /contacts', { query: { query } })),
    createContact: (body: SchemaInput<typeof CreateContactBody>) => call('POST /contacts', { body }),
    checkPhone: (phone: string) => call('GET /phone-numbers/check', { query: { phone } }),

    adminListMembers: async () => itemsOf(await call('GET /admin/members', {})),
    adminCreateMember: (body: SchemaInput<typeof CreateMemberBody>) => call('POST /admin/members', { body }),
    adminUpdateMember: (memberId: string, body: SchemaInput<typeof UpdateMemberBody>) =>
      call('PATCH /admin/members/:id', { params: { id: memberId }, body }),

    // Endpoints used by screens that load on demand are called there through `call` (admin/compliance/*), so
    // their wrappers stay out of the first bundle.
    call,
    callRaw,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
export { ApiError };
