import type { LiveEvent } from '@bridgeline/shared';

export interface DomainEventRecord {
  tenantId: string;
  type: string;
  threadId?: string | null;
  actorMemberId?: string | null;
  /** The message a `message.*` event is about, when its payload does not already name it (`payload.messageId`). */
  messageId?: string | null;
  /** The member a membership change is about (added, removed, transferred to). */
  subjectMemberId?: string | null;
  payload?: Record<string, unknown>;
  occurredAt: Date;
}

export interface EventsPort {
  append(event: DomainEventRecord): Promise<void>;
}

/**
 * The server's own signals on the live bus, never sent to a tab: who may see something changed, so open event
 * streams check again (events.routes.ts). `access.thread`: a thread's members changed (joined, left, claimed).
 * `access.member`: a member's rights changed (enabled, region, admin).
 */
export type AccessEvent =
  { type: 'access.thread'; threadId: string } | { type: 'access.member'; memberId: string };

/** What travels on the live bus, across processes: the tabs' events and the access signals, each of one tenant. */
export type BusEvent = (LiveEvent | AccessEvent) & { tenantId: string };

export interface LiveEventSource {
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** Called when events may have been missed (the process lost its database notifications for a while). */
  onResync(listener: () => void): () => void;
}
