/** Server-Sent Events sent on GET /api/v1/events: ids of what changed; the tab refetches what it shows. */
export type LiveEvent =
  | { type: 'thread.updated'; threadId: string }
  | { type: 'message.created'; threadId: string; messageId: string }
  | { type: 'message.updated'; threadId: string; messageId: string };

export type LiveEventType = LiveEvent['type'];
/** Every `LiveEvent` type, for a client that checks what it receives. */
export const LIVE_EVENT_TYPES = [
  'thread.updated',
  'message.created',
  'message.updated',
] as const satisfies readonly LiveEventType[];

/**
 * Also sent on GET /api/v1/events (as `event: resync`): the server may have missed events (its database
 * notifications were interrupted and are back), so the tab refetches everything it shows.
 */
export interface LiveResync {
  type: 'resync';
}
