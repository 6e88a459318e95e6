import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  contactWrites as writes,
  inboundOf,
  resetSandbox,
  startSandbox,
  type SandboxHarness,
} from './sandbox-harness.js';

let h: SandboxHarness;
let counter = 0;
/** A fresh contact number per test (never ending in 0000). */
const newWaId = () => `1415555${String(2000 + ++counter)}`;
const contactWrites = (waId: string, text?: string) => writes(h, waId, text);

beforeAll(async () => {
  h = await startSandbox();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => resetSandbox(h));

describe("the sandbox's webhooks, posted the way Meta posts them", () => {
  it('retries a webhook the app did not accept, like Meta', async () => {
    const waId = newWaId();
    h.webhookStatus = 500;
    await contactWrites(waId, 'are you there?');
    await new Promise((r) => setTimeout(r, 250));
    h.webhookStatus = 200;
    await h.waitFor((hooks) => inboundOf(hooks).some((m) => m.from.waId === waId));
    const view = await h.phone<{ recentWebhooks: { kind: string; attempts: number }[] }>(
      'GET',
      '/sandbox/settings',
    );
    expect(view.body.recentWebhooks.find((d) => d.kind === 'message text')?.attempts).toBeGreaterThan(1);
  });

  it('escapes non-ASCII text as \\uXXXX and signs exactly those bytes', async () => {
    const waId = newWaId();
    await contactWrites(waId, 'Olá, já chegou? 👍');
    await h.waitFor((hooks) => inboundOf(hooks).some((m) => m.from.waId === waId));
    const hook = h.webhooks.find((w) => inboundOf([w]).some((m) => m.from.waId === waId))!;
    expect(hook.signed).toBe(true);
    expect(hook.raw.toString('utf8')).toContain('Ol\\u00e1, j\\u00e1 chegou? \\ud83d\\udc4d');
    expect(inboundOf([hook])[0]!.content).toEqual({ type: 'text', body: 'Olá, já chegou? 👍' });
  });

  it('sends duplicates of webhooks at the configured rate, as Meta may', async () => {
    await h.settings({ duplicateRate: 1 });
    const waId = newWaId();
    await contactWrites(waId, 'twice');
    await h.waitFor((hooks) => inboundOf(hooks).filter((m) => m.from.waId === waId).length === 2);
    const [a, b] = inboundOf(h.webhooks).filter((m) => m.from.waId === waId);
    expect(a!.wamid).toBe(b!.wamid);
  });
});
