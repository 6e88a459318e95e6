import type {
  ArchiveExport,
  ArchiveExportFormat,
  ArchiveSinkStatus,
  ArchiveVerifyResult,
  LegalHold,
} from '@bridgeline/shared';

/** What the Compliance area says, as pure functions of the archive API's answers. */

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** The head hash as people compare it: its first 12 hex digits (the full hash is copied). */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** "Archive intact: 1,204 records" / "Archive broken at record 17: edited content (…)". */
export function verifyWords(result: Pick<ArchiveVerifyResult, 'intact' | 'records' | 'brokenAt'>): string {
  if (result.intact || !result.brokenAt) return `Archive intact: ${plural(result.records, 'record')}`;
  return `Archive broken at record ${count(result.brokenAt.seq)}: ${result.brokenAt.reason}`;
}

export const DEFAULT_RETENTION_DAYS = 2192;
const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/** A retention period in the unit rules are written in: 2,192 days → "6 years", 1,095 → "3 years", 90 → "3 months". */
export function retentionWords(days: number): string {
  if (days < 28) return plural(days, 'day');
  if (days < 365) return plural(Math.round(days / DAYS_PER_MONTH), 'month');
  const years = Math.round((days / DAYS_PER_YEAR) * 10) / 10;
  return `${Number.isInteger(years) ? years : years.toFixed(1)} ${years === 1 ? 'year' : 'years'}`;
}

/** Why a retention entry cannot be saved, or null: whole days from 1 to 100 years (ArchiveSettingsBody). */
export function retentionProblem(text: string): string | null {
  const days = Number(text);
  if (!text.trim() || !Number.isInteger(days)) return 'Enter a whole number of days.';
  if (days < 1 || days > 36500) return 'Keep records from 1 to 36,500 days (100 years).';
  return null;
}

export const SINK_LABELS: Record<ArchiveSinkStatus['sink'], string> = {
  journal: 'Journal (SMTP)',
  crm: 'CRM push',
};

export function sinkState(sink: ArchiveSinkStatus): string {
  if (!sink.configured) return 'Not configured';
  return sink.enabled ? 'On' : 'Configured, turned off';
}

/** How long the oldest waiting record has waited: "none", "40 s", "12 min", "5 h 12 min", "3 d 4 h". */
export function lagWords(seconds: number): string {
  if (seconds <= 0) return 'none';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${hours / 24} d`;
}

export const FORMATS: Record<ArchiveExportFormat, { label: string; explain: string }> = {
  jsonl: {
    label: 'JSON Lines',
    explain: 'One archive record per line with its hashes: for auditors, scripts and re-verifying the chain.',
  },
  eml: {
    label: 'Email (EML)',
    explain:
      'One email per conversation and day, images attached: opens in any mail client or email archive.',
  },
  rsmf: {
    label: 'RSMF',
    explain: 'Relativity Short Message Format 2.0, one file per conversation: for eDiscovery review tools.',
  },
};

export const EXPORT_STATUS_LABELS: Record<ArchiveExport['status'], string> = {
  running: 'Running',
  done: 'Ready',
  failed: 'Failed',
};

/** "312 of 1,204 records" while running (or "312 records" before the total is known), the manifest's counts once done. */
export function exportCounts(item: ArchiveExport): string {
  const { records, total, messages, files } = item.counts;
  if (item.status === 'running') {
    return total === null
      ? `${plural(records, 'record')} so far`
      : `${count(records)} of ${plural(total, 'record')}`;
  }
  return `${plural(records, 'record')}, ${plural(messages, 'message')}, ${plural(files, 'file')}`;
}

export const HOLD_SCOPE_LABELS: Record<LegalHold['scope'], string> = {
  contact: 'Contact',
  thread: 'Conversation',
  member: 'Member',
};

/** `datetime-local` values (local time, to the minute) and back. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The export form's first range: the last 30 days and all of today, from midnight 30 days ago to the coming midnight
 * (`to` is exclusive). Not "now": the form stays open while records keep arriving, and an end at the minute the page
 * opened left out what was said since, so a first export came back empty.
 */
export function lastThirtyDays(now: Date): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 30);
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: toLocalInput(from), to: toLocalInput(to) };
}

/** Why a range cannot be exported, or null. */
export function rangeProblem(from: string, to: string): string | null {
  const start = fromLocalInput(from);
  const end = fromLocalInput(to);
  if (!start || !end) return 'Give a start and an end.';
  if (start.getTime() >= end.getTime()) return 'The start must be before the end.';
  return null;
}
