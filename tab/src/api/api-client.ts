import type {
  Contact,
  CreateContactBody,
  CreateMemberBody,
  CreateThreadBody,
  Me,
  MemberSummary,
  Message,
  RejoinRequest,
  SendMessageBody,
  Thread,
  UpdateMemberBody,
} from '@bridgeline/shared';
import { ApiError, apiErrorFromProblem, networkError } from './api-error.js';
import type { AppConfig, MemberFilter, TemplateSummary, ThreadFilter } from './types.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => Promise<string | null>;
  /** Called once a request answers 401, so the shell can ask the member to sign in again. */
  onUnauthorized?: () => void;
}

type Query = Record<string, string | undefined>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// Some list endpoints are not pinned down in the OpenAPI document: accept a bare array or a page.
function itemsOf<T>(body: T[] | { items: T[] }): T[] {
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

  const thread = (id: string) => `/threads/${encodeURIComponent(id)}`;

  return {
    getConfig: () => json<AppConfig>('GET', '/config'),
    devToken: (email: string) => json<{ token: string }>('POST', '/dev/token', { email }),
    me: () => json<Me>('GET', '/me'),

    listThreads: (filter: ThreadFilter, cursor?: string) =>
      json<Page<Thread>>('GET', withQuery('/threads', { ...filter, cursor })),
    getThread: (id: string) => json<Thread>('GET', thread(id)),
    createThread: (body: CreateThreadBody) => json<Thread>('POST', '/threads', body),
    claim: (id: string) => json<Thread | undefined>('POST', `${thread(id)}/claim`),
    markRead: (id: string, upTo: string) => json<void>('POST', `${thread(id)}/read`, { upTo }),
    resendOptIn: (id: string) => json<unknown>('POST', `${thread(id)}/opt-in-requests`),

    listMessages: (id: string, before?: string) =>
      json<Page<Message>>('GET', withQuery(`${thread(id)}/messages`, { before })),
    sendMessage: (id: string, body: SendMessageBody) => json<Message>('POST', `${thread(id)}/messages`, body),

    uploadMedia: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return json<{ mediaId: string }>('POST', '/media', form);
    },
    mediaBlob: async (mediaId: string) => (await send('GET', `/media/${encodeURIComponent(mediaId)}`)).blob(),

    addMember: (id: string, memberId: string, shareHistory: boolean) =>
      json<unknown>('POST', `${thread(id)}/members`, { memberId, shareHistory }),
    removeMember: (id: string, memberId: string) =>
      json<unknown>('DELETE', `${thread(id)}/members/${encodeURIComponent(memberId)}`),
    leave: (id: string) => json<unknown>('POST', `${thread(id)}/leave`),
    transfer: (id: string, memberId: string) => json<unknown>('POST', `${thread(id)}/transfer`, { memberId }),
    requestRejoin: (id: string) => json<unknown>('POST', `${thread(id)}/rejoin-requests`),
    listRejoinRequests: async (id: string) =>
      itemsOf(await json<RejoinRequest[] | Page<RejoinRequest>>('GET', `${thread(id)}/rejoin-requests`)),
    decideRejoin: (id: string, requestId: string, decision: 'approve' | 'decline') =>
      json<unknown>('POST', `${thread(id)}/rejoin-requests/${encodeURIComponent(requestId)}/${decision}`),

    listTemplates: async () =>
      itemsOf(await json<TemplateSummary[] | Page<TemplateSummary>>('GET', '/templates')),
    listMembers: async (filter: MemberFilter) =>
      itemsOf(await json<MemberSummary[] | Page<MemberSummary>>('GET', withQuery('/members', { ...filter }))),
    listContacts: async (query?: string) =>
      itemsOf(await json<Contact[] | Page<Contact>>('GET', withQuery('/contacts', { query }))),
    createContact: (body: CreateContactBody) => json<Contact>('POST', '/contacts', body),

    adminListMembers: async () =>
      itemsOf(await json<MemberSummary[] | Page<MemberSummary>>('GET', '/admin/members')),
    adminCreateMember: (body: CreateMemberBody) => json<MemberSummary>('POST', '/admin/members', body),
    adminUpdateMember: (memberId: string, body: UpdateMemberBody) =>
      json<MemberSummary>('PATCH', `/admin/members/${encodeURIComponent(memberId)}`, body),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
export { ApiError };
