import { z } from 'zod';

/**
 * Fault and behaviour settings of the simulated Cloud API, changed at run time through `PUT /sandbox/settings` (tests,
 * benchmarks, a person at the phone page). Every field has a default, so `{}` is a valid update.
 */
export const SandboxSettingsSchema = z.strictObject({
  /** Added before every Graph API answer, in milliseconds. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share of sends (0–1) answered with Meta's transient 131000 "Something went wrong" (HTTP 500). */
  errorRate: z.number().min(0).max(1),
  /** Messages per second per business number before 130429 (Meta's default Cloud API throughput is 80). */
  throughputPerSecond: z.number().int().min(1).max(10_000),
  /** Numbers (digits, as in `wa_id`) that can't be reached (131026), besides any number ending in 0000. */
  unreachable: z.array(z.string().regex(/^\d{6,20}$/)).max(1000),
  /**
   * Where 131026 and 131047 are reported: in the send's answer (`response`), or — as Meta mostly does — by accepting
   * the send and posting a `failed` status webhook (`status`).
   */
  failuresAs: z.enum(['response', 'status']),
  /** Wait between the answer and the `sent` status, and between `sent` and `delivered`, in milliseconds. */
  statusDelayMs: z.number().int().min(0).max(60_000),
  /** Off: nothing is posted to the webhook (a bare Graph API stub, e.g. for benchmarks). */
  webhooks: z.boolean(),
  /** Share of webhook posts (0–1) sent twice, as Meta sometimes does. */
  duplicateRate: z.number().min(0).max(1),
});

export type SandboxSettings = z.infer<typeof SandboxSettingsSchema>;

export const DEFAULT_SANDBOX_SETTINGS: Readonly<SandboxSettings> = {
  latencyMs: 0,
  errorRate: 0,
  throughputPerSecond: 80,
  unreachable: [],
  failuresAs: 'response',
  statusDelayMs: 150,
  webhooks: true,
  duplicateRate: 0,
};

export const SandboxSettingsUpdateSchema = SandboxSettingsSchema.partial();
export type SandboxSettingsUpdate = z.infer<typeof SandboxSettingsUpdateSchema>;

/** Documented rule: any number ending in 0000 is unreachable, like one without WhatsApp or that blocked us. */
export function isUnreachable(waId: string, settings: Pick<SandboxSettings, 'unreachable'>): boolean {
  return waId.endsWith('0000') || settings.unreachable.includes(waId);
}
