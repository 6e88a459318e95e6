/**
 * Whether a WhatsApp template can be sent, and what breaks when one Bridgeline depends on cannot (issue 18). Meta keeps
 * a FLAGGED template APPROVED until its disable date; PAUSED, DISABLED, REJECTED, PENDING, DELETED and the rest
 * cannot be sent. Pure: the clock is the caller's `now`.
 */
export interface TemplateState {
  name: string;
  language: string;
  status: string;
  quality: string | null;
  disableDate: Date | null;
}

/** Statuses Meta lets a business send. FLAGGED stays sendable until its disable date (then Meta disables it). */
const SENDABLE = new Set(['APPROVED', 'FLAGGED', 'REINSTATED', 'UNPAUSED']);

export function isSendable(t: Pick<TemplateState, 'status' | 'disableDate'>, now: Date): boolean {
  if (!SENDABLE.has(t.status.toUpperCase())) return false;
  return t.disableDate === null || now.getTime() < t.disableDate.getTime();
}

/**
 * The status a catalogue row takes from a `message_template_status_update` event. FLAGGED, REINSTATED and UNPAUSED
 * are events about an APPROVED template; the rest name the new status. A disable date comes only with FLAGGED (and
 * DISABLED, where it is the day it happened).
 */
export function statusAfterEvent(event: string): string {
  const e = event.toUpperCase();
  if (e === 'REINSTATED' || e === 'UNPAUSED') return 'APPROVED';
  return e;
}

/** A template one of Bridgeline's flows sends on its own. */
export interface RequiredTemplate {
  role: 'opt_in' | 'resume';
  name: string;
  language: string;
}

export interface TemplateProblem {
  role: 'opt_in' | 'resume';
  name: string;
  language: string;
  /** `unsendable`: members' flows stop now; `flagged`: they will on `disableDate` unless quality improves. */
  kind: 'unsendable' | 'flagged';
  status: string;
  disableDate: Date | null;
}

const sameTemplate = (a: { name: string; language: string }, b: { name: string; language: string }) =>
  a.name === b.name && a.language === b.language;

/**
 * The problems of the templates Bridgeline's flows depend on. A required template the catalogue does not know is
 * not a problem (the catalogue is filled by the sync; an unknown one is assumed to work until Meta says otherwise).
 */
export function templateProblems(
  required: RequiredTemplate[],
  catalogue: TemplateState[],
  now: Date,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const r of required) {
    const t = catalogue.find((c) => sameTemplate(c, r));
    if (!t) continue;
    const base = {
      role: r.role,
      name: r.name,
      language: r.language,
      status: t.status,
      disableDate: t.disableDate,
    };
    if (!isSendable(t, now)) problems.push({ ...base, kind: 'unsendable' });
    else if (t.status.toUpperCase() === 'FLAGGED') problems.push({ ...base, kind: 'flagged' });
  }
  return problems;
}

/**
 * Whether a change of one template deserves a card to the admins: a template a flow depends on became unsendable or
 * flagged (it was not before), or sendable again after a problem. Quality changes alone send nothing.
 */
export function templateAlertOf(
  required: RequiredTemplate[],
  before: TemplateState | null,
  after: TemplateState,
  now: Date,
): { role: 'opt_in' | 'resume'; change: 'broken' | 'flagged' | 'restored' } | null {
  const r = required.find((x) => sameTemplate(x, after));
  if (!r) return null;
  const problem = (t: TemplateState | null) =>
    t === null ? null : (templateProblems([r], [t], now)[0]?.kind ?? null);
  const was = problem(before);
  const is = problem(after);
  if (was === is) return null;
  if (is === 'unsendable') return { role: r.role, change: 'broken' };
  if (is === 'flagged') return { role: r.role, change: 'flagged' };
  return { role: r.role, change: 'restored' };
}

/** What breaks, and what to do, in an admin's words. */
export function templateProblemWords(
  p: Pick<TemplateProblem, 'role' | 'name' | 'kind' | 'status' | 'disableDate'>,
): {
  title: string;
  breaks: string;
  action: string;
} {
  const flow = p.role === 'opt_in' ? 'opt-in' : 'resume';
  if (p.kind === 'flagged') {
    const on = p.disableDate ? ` on ${p.disableDate.toISOString().slice(0, 10)}` : '';
    return {
      title: `The ${flow} template "${p.name}" is flagged by Meta`,
      breaks: `Meta will disable it${on} unless its quality improves; then ${flowBreaks(p.role)}`,
      action:
        'Review the template in WhatsApp Manager (wording, how often it is sent) or submit a replacement now.',
    };
  }
  return {
    title: `The ${flow} template "${p.name}" cannot be sent (${p.status})`,
    breaks: `While it is ${p.status.toLowerCase()}, ${flowBreaks(p.role)}`,
    action:
      p.status === 'PAUSED'
        ? 'Meta pauses a template for a few hours when recipients block or report it; it comes back on its own. If it happens again, change its wording or submit a replacement in WhatsApp Manager and set it as the template of the number.'
        : 'Submit a replacement template in WhatsApp Manager and, once Meta approves it, set it as the template of the number.',
  };
}

function flowBreaks(role: 'opt_in' | 'resume'): string {
  return role === 'opt_in'
    ? 'members cannot ask new contacts to opt in, so they cannot start WhatsApp conversations with them.'
    : 'messages written after a contact’s 24-hour window closed stay held: the contact is not asked to resume.';
}
