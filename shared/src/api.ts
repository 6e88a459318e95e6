import { z } from 'zod';
import { MAX_TEXT_LENGTH, PAGE_SIZE_MAX } from './limits.js';
import {
  AUTH_MODES,
  CHANNELS,
  CONSENT_STATES,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  REACHABILITIES,
  REGIONS,
  REJOIN_STATES,
  THREAD_LIST_STATES,
  THREAD_STATES,
} from './vocabulary.js';

/**
 * Schemas of the REST API under /api/v1: the server validates with them, the tab types itself with them
 * (`import type`, so zod stays out of its bundle). The words they are made of are in vocabulary.ts.
 */

/** What a client sends for a schema: its input, where fields with a default may be left out. */
export type SchemaInput<S extends z.ZodType> = z.input<S>;

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;
export const Region = z.enum(REGIONS);
export type Region = z.infer<typeof Region>;
export const ConsentState = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentState>;
export const Reachability = z.enum(REACHABILITIES);
export type Reachability = z.infer<typeof Reachability>;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;
export const ThreadState = z.enum(THREAD_STATES);
export type ThreadState = z.infer<typeof ThreadState>;

const Uuid = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });

export const Me = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  tenantId: Uuid,
  aadObjectId: z.string().nullable(),
  region: Region,
  enabled: z.boolean(),
  isAdmin: z.boolean(),
  /** The member's SMS number in E.164, when they have one. */
  smsNumber: z.string().optional(),
  /** Its id (a business number of the tenant, channel `sms`): PATCH /admin/members/:id { smsNumberId }. */
  smsNumberId: Uuid.nullable().optional(),
  /** False when an admin switched WhatsApp off for the organisation: the tab disables WhatsApp actions and says why. */
  whatsappEnabled: z.boolean().optional(),
  /** True once after an admin enabled the member, until they dismiss the notice (POST /me/first-run/dismiss). */
  firstRun: z.boolean().optional(),
});
export type Me = z.infer<typeof Me>;

export const MemberSummary = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  region: Region,
  enabled: z.boolean(),
  isAdmin: z.boolean(),
  aadObjectId: z.string().nullable(),
  /** The member's SMS number (id and E.164), null without one. */
  smsNumberId: Uuid.nullable().optional(),
  smsNumber: z.string().nullable().optional(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const CreateMemberBody = z.object({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(200),
  aadObjectId: z.string().trim().min(1).max(64).optional(),
  region: Region,
  enabled: z.boolean(),
  isAdmin: z.boolean().optional(),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;
export const UpdateMemberBody = CreateMemberBody.partial().extend({
  /** An SMS number of the tenant in the member's region; null takes the member's SMS number away. */
  smsNumberId: Uuid.nullable().optional(),
});
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const MemberQuery = z.object({
  query: z.string().max(200).optional(),
  region: Region.optional(),
});
export type MemberQuery = z.infer<typeof MemberQuery>;

export const Contact = z.object({
  id: Uuid,
  displayName: z.string().nullable(),
  phone: z.string().nullable(),
  /** The phone written for reading, in international format ("+44 7911 654321"); `phone` stays E.164. */
  phoneDisplay: z.string().nullable().optional(),
  waId: z.string().nullable(),
  username: z.string().nullable(),
  createdAt: IsoTime,
});
export type Contact = z.infer<typeof Contact>;

export const ContactQuery = z.object({ query: z.string().max(200).optional() });
export type ContactQuery = z.infer<typeof ContactQuery>;
export const CreateContactBody = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  phone: z.string().trim().min(3).max(32),
});
export type CreateContactBody = z.infer<typeof CreateContactBody>;
/** A typed number checked by the server's one rule (issue 16): its E.164 form, or why it is refused. */
export const PhoneCheckQuery = z.object({ phone: z.string().max(64) });
export type PhoneCheckQuery = z.infer<typeof PhoneCheckQuery>;
export const PhoneCheck = z.object({ phone: z.string().nullable(), reason: z.string().nullable() });
export type PhoneCheck = z.infer<typeof PhoneCheck>;

export const ThreadMember = z.object({
  memberId: Uuid,
  displayName: z.string(),
  joinedAt: IsoTime,
  historyFrom: IsoTime,
});
export type ThreadMember = z.infer<typeof ThreadMember>;

export const MessageError = z.object({ code: z.string(), title: z.string(), details: z.string().optional() });
export type MessageError = z.infer<typeof MessageError>;

export const TemplateRef = z.object({
  name: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
  parameters: z.array(z.string().max(1024)).max(20).default([]),
});
export type TemplateRef = z.infer<typeof TemplateRef>;

export const Message = z.object({
  id: Uuid,
  threadId: Uuid,
  clientMessageId: z.string().optional(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  type: z.enum(MESSAGE_TYPES),
  text: z.string().optional(),
  mediaId: z.string().optional(),
  template: TemplateRef.optional(),
  sender: z.object({ memberId: Uuid, displayName: z.string() }).optional(),
  status: MessageStatus,
  error: MessageError.optional(),
  notice: z.object({ kind: z.string(), params: z.record(z.string(), z.string()) }).optional(),
  createdAt: IsoTime,
  /**
   * When it happened for the conversation, the order the thread shows: Meta's timestamp for a message from the contact,
   * when a held message was let go, otherwise `createdAt`.
   */
  happenedAt: IsoTime.optional(),
  /** The server's order of storing, which breaks ties between messages that happened at the same instant. */
  position: z.number().int().optional(),
  providerMessageId: z.string().optional(),
  /** Data loss prevention: the rules that flagged this message for review (it was sent as written). */
  flags: z.array(z.object({ ruleName: z.string() })).optional(),
  /** Inbound text with a DLP rule's matches redacted for display (the stored and archived text stays whole). */
  redacted: z.boolean().optional(),
});
export type Message = z.infer<typeof Message>;

export const Thread = z.object({
  id: Uuid,
  channel: Channel,
  state: ThreadState,
  unassigned: z.boolean(),
  region: Region,
  contact: Contact,
  members: z.array(ThreadMember),
  consent: ConsentState,
  reachability: Reachability,
  window: z.object({ open: z.boolean(), closesAt: IsoTime.nullable() }),
  heldCount: z.number().int(),
  lastMessage: Message.nullable(),
  unreadCount: z.number().int(),
  canResendOptIn: z.boolean(),
  /**
   * WhatsApp cannot reach the contact (131026), the caller has an SMS number and the contact a phone: the thread
   * offers "Continue by SMS" (product.md §3.2, §8).
   */
  smsFallback: z.boolean().optional(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Thread = z.infer<typeof Thread>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** A page of items, newest first; `nextCursor` asks for the next one (null: there is none). */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const ThreadListQuery = z.object({
  cursor: z.string().max(200).optional(),
  channel: Channel.optional(),
  state: z.enum(THREAD_LIST_STATES).optional(),
  query: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

export const CreateThreadBody = z
  .object({
    channel: Channel,
    contactId: Uuid.optional(),
    phone: z.string().trim().min(3).max(32).optional(),
    sendOptIn: z.boolean().optional(),
  })
  .refine((b) => (b.contactId === undefined) !== (b.phone === undefined), {
    message: 'Give either contactId or phone',
    path: ['contactId'],
  });
export type CreateThreadBody = z.infer<typeof CreateThreadBody>;

export const MessageListQuery = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
});
export type MessageListQuery = z.infer<typeof MessageListQuery>;

const ClientMessageId = z.string().trim().min(8).max(100);
export const SendMessageBody = z.union([
  z
    .object({ clientMessageId: ClientMessageId, text: z.string().trim().min(1).max(MAX_TEXT_LENGTH) })
    .strict(),
  z
    .object({ clientMessageId: ClientMessageId, mediaId: Uuid, caption: z.string().max(1024).optional() })
    .strict(),
  z.object({ clientMessageId: ClientMessageId, template: TemplateRef }).strict(),
]);
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const AddMemberBody = z.object({ memberId: Uuid, shareHistory: z.boolean().default(false) });
export type AddMemberBody = z.infer<typeof AddMemberBody>;
export const TransferBody = z.object({ memberId: Uuid });
export type TransferBody = z.infer<typeof TransferBody>;
export const ReadBody = z.object({ upTo: Uuid });
export type ReadBody = z.infer<typeof ReadBody>;

export const RejoinRequest = z.object({
  id: Uuid,
  threadId: Uuid,
  memberId: Uuid,
  displayName: z.string(),
  state: z.enum(REJOIN_STATES),
  createdAt: IsoTime,
});
export type RejoinRequest = z.infer<typeof RejoinRequest>;

export const ThreadPage = Page(Thread);
export type ThreadPage = z.infer<typeof ThreadPage>;
export const MessagePage = Page(Message);
export type MessagePage = z.infer<typeof MessagePage>;

/** `GET /api/v1/config` (public): what the tab needs to know before signing in. */
export const ClientConfig = z.object({ authMode: z.enum(AUTH_MODES), sandbox: z.boolean() });
export type ClientConfig = z.infer<typeof ClientConfig>;

export const DevTokenBody = z.object({ email: z.email() });
export type DevTokenBody = z.infer<typeof DevTokenBody>;
/** The answer to `POST /api/v1/dev/token` (dev sign-in only): a token for the seeded member with that email. */
export const DevToken = z.object({
  token: z.string(),
  member: z.object({ id: Uuid, displayName: z.string() }),
});
export type DevToken = z.infer<typeof DevToken>;

/** An approved WhatsApp template a member may send (`GET /api/v1/templates`); `body` uses Meta's `{{1}}` placeholders. */
export const Template = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  body: z.string(),
  parameterCount: z.number().int().min(0),
});
export type Template = z.infer<typeof Template>;

/** The answer to `POST /api/v1/media` (multipart, field `file`: a JPEG or PNG of at most 5 MB). */
export const MediaUploaded = z.object({ mediaId: Uuid });
export type MediaUploaded = z.infer<typeof MediaUploaded>;
