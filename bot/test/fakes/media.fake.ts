import type { MediaPort, MediaStore } from '../../src/ports/index.js';
import { copy, nextId, type State } from './state.js';

export function fakeMedia(state: State): MediaPort {
  const pending = (id: string) => state.media.find((m) => m.id === id && m.state === 'pending');
  const insert = (input: Parameters<MediaPort['create']>[0]) => {
    const row = {
      providerMediaId: null,
      businessNumberId: null,
      uploadedBy: null,
      mimeType: null,
      sizeBytes: null,
      sha256: null,
      storageKey: null,
      error: null,
      ...copy(input),
      id: nextId(state),
    };
    state.media.push(row);
    return copy(row);
  };
  return {
    async create(input) {
      return insert(input);
    },
    async createInbound(input) {
      const existing = state.media.find(
        (m) =>
          m.tenantId === input.tenantId &&
          m.direction === 'in' &&
          m.providerMediaId === input.providerMediaId,
      );
      if (existing) return { media: copy(existing), created: false };
      return { media: insert(input), created: true };
    },
    async byId(tenantId, id) {
      const m = state.media.find((r) => r.tenantId === tenantId && r.id === id);
      return m ? copy(m) : null;
    },
    async byIdAnyTenant(id) {
      const m = state.media.find((r) => r.id === id);
      return m ? copy(m) : null;
    },
    async stored(id, s) {
      const m = pending(id);
      if (!m) return false;
      Object.assign(m, { ...s, state: 'stored', error: null });
      return true;
    },
    async failed(id, error) {
      const m = pending(id);
      if (!m) return false;
      Object.assign(m, { state: 'failed', error });
      return true;
    },
    async visibleInThread(tenantId, mediaId, member) {
      // The thread's own rule: a participation whose history window covers the message, or an open Unassigned
      // thread of the member's region.
      return state.messages
        .filter((m) => m.tenantId === tenantId && m.mediaId === mediaId)
        .some((m) => {
          const t = state.threads.find((r) => r.id === m.threadId);
          if (t && t.unassigned && t.state === 'open' && t.region === member.region) return true;
          return state.participants.some(
            (p) =>
              p.threadId === m.threadId &&
              p.memberId === member.id &&
              m.createdAt >= p.historyFrom &&
              (p.leftAt === null || m.createdAt <= p.leftAt),
          );
        });
    },
  };
}

/** Image bytes by key, in memory. */
export function memoryMediaStore(): MediaStore & { keys(): string[] } {
  const bytes = new Map<string, Buffer>();
  return {
    async put(key, data) {
      bytes.set(key, Buffer.from(data));
    },
    async get(key) {
      return bytes.get(key) ?? null;
    },
    async delete(key) {
      bytes.delete(key);
    },
    keys: () => [...bytes.keys()],
  };
}
