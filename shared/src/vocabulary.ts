/**
 * The words of the API, without zod: channels, regions, states and statuses, each as a constant list and its union
 * type. api.ts builds its zod enums from these lists; limits.ts and the tab use them without loading zod.
 */

export const CHANNELS = ['whatsapp', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REGIONS = ['us', 'eu', 'uk', 'apac'] as const;
export type Region = (typeof REGIONS)[number];

export const CONSENT_STATES = ['none', 'requested', 'opted_in', 'opted_out'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const REACHABILITIES = ['ok', 'unreachable'] as const;
export type Reachability = (typeof REACHABILITIES)[number];

export const MESSAGE_STATUSES = ['held', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const THREAD_STATES = ['open', 'closed'] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

/** The inbox's filters of `GET /api/v1/threads?state=`: a thread state, or a queue. */
export const THREAD_LIST_STATES = ['open', 'closed', 'unassigned', 'left'] as const;
export type ThreadListState = (typeof THREAD_LIST_STATES)[number];

export const MESSAGE_DIRECTIONS = ['in', 'out', 'notice'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_TYPES = ['text', 'image', 'template', 'unsupported', 'notice'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** What a member's message is: free text, an image, or an approved template. */
export const MESSAGE_KINDS = ['text', 'image', 'template'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const REJOIN_STATES = ['pending', 'approved', 'declined'] as const;
export type RejoinState = (typeof REJOIN_STATES)[number];

/** How the tab signs in: a seeded member's dev token, or Microsoft Entra through Teams. */
export const AUTH_MODES = ['dev', 'entra'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
