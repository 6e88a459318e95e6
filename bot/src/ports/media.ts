import type { Region } from '@bridgeline/shared';

export interface MediaRecord {
  id: string;
  tenantId: string;
  direction: 'in' | 'out';
  /** `purged`: retention removed its bytes (docs/archive.md); type, size and SHA-256 stay. */
  state: 'pending' | 'stored' | 'failed' | 'purged';
  providerMediaId: string | null;
  businessNumberId: string | null;
  uploadedBy: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  storageKey: string | null;
  error: string | null;
  createdAt: Date;
}

export type NewMedia = Pick<MediaRecord, 'tenantId' | 'direction' | 'state' | 'createdAt'> &
  Partial<Omit<MediaRecord, 'id' | 'tenantId' | 'direction' | 'state' | 'createdAt'>>;

export interface MediaPort {
  create(input: NewMedia): Promise<MediaRecord>;
  /** Inbound media keyed by Meta's id: the existing row when the webhook was redelivered. */
  createInbound(
    input: NewMedia & { providerMediaId: string },
  ): Promise<{ media: MediaRecord; created: boolean }>;
  byId(tenantId: string, id: string): Promise<MediaRecord | null>;
  byIdAnyTenant(id: string): Promise<MediaRecord | null>;
  /** Guarded: only pending media is stored or failed. */
  stored(
    id: string,
    input: { storageKey: string; mimeType: string; sizeBytes: number; sha256: string },
  ): Promise<boolean>;
  failed(id: string, error: string): Promise<boolean>;
  /** Whether a thread the member can see (by the thread's history window) references the media. */
  visibleInThread(
    tenantId: string,
    mediaId: string,
    member: { id: string; region: Region },
  ): Promise<boolean>;
}

/** Bytes of images, by key (filesystem by default, Azure Blob Storage in production). */
export interface MediaStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes what is stored under the key; nothing stored there is no error. */
  delete(key: string): Promise<void>;
}
