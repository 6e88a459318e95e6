import type { PairKey } from './pair.js';

export interface JobQueueTx {
  send(job: JobRequest): Promise<void>;
}

export type JobRequest =
  | { name: 'deliver'; data: PairKey; singletonKey: string; startAfterMs?: number }
  | { name: 'notify'; data: NotifyJobData }
  /** A member an admin has just enabled: the Teams card saying WhatsApp messaging is now active for them. */
  | { name: 'welcome-member'; data: { tenantId: string; memberId: string }; singletonKey: string }
  | { name: 'download-media'; data: { tenantId: string; mediaId: string }; singletonKey: string }
  | { name: 'sync-templates'; data: { wabaId: string }; singletonKey: string }
  | { name: 'mark-read'; data: ReadReceiptJobData; singletonKey: string }
  | { name: 'sweep-unconfirmed-sends'; data: Record<string, never> }
  /** A card to the tenant's admins about the WhatsApp account's health (issue 18). */
  | { name: 'notify-admins'; data: AdminAlertJobData }
  /** The compliance archive's jobs (archive/): signing checkpoints, exports, the SMTP journal, the CRM push, retention. */
  | { name: 'archive-checkpoint'; data: Record<string, never> }
  | { name: 'archive-export'; data: { tenantId: string; exportId: string }; singletonKey: string }
  /** Dead letters of `archive-export` (pg-boss puts a job there once its last retry failed): the export is failed. */
  | { name: 'archive-export-gave-up'; data: { tenantId: string; exportId: string } }
  | { name: 'archive-export-expiry'; data: Record<string, never> }
  | { name: 'archive-journal'; data: { tenantId: string }; singletonKey: string; startAfterMs?: number }
  | { name: 'archive-crm'; data: { tenantId: string }; singletonKey: string; startAfterMs?: number }
  | { name: 'archive-retention'; data: Record<string, never> };

/** A read receipt to send to Meta for one inbound message. */
export interface ReadReceiptJobData {
  tenantId: string;
  messageId: string;
}

/** One notice or inbound message, for the Teams notifier. */
export interface NotifyJobData {
  tenantId: string;
  threadId: string;
  /** A notice kind, or `inbound`, `rejoin_requested`, `send_failed`. */
  kind: string;
  memberIds: string[];
  /** The notice, inbound or failed message; for `rejoin_requested`, the request. */
  subjectId: string;
  /** The member a membership notice is about (added, removed, transferred to), when one is. */
  aboutMemberId?: string | null;
  /** Held messages of the pair when the notice was made (before an opt-in or resume released them). */
  heldCount?: number;
}

/** What breaks and what to do, for a card to every admin of the tenant. */
export interface AdminAlertJobData {
  tenantId: string;
  kind: 'template_unsendable' | 'template_flagged' | 'template_restored' | 'number_downgraded';
  title: string;
  breaks: string;
  action: string;
}
