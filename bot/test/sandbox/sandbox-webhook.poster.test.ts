import { describe, expect, it } from 'vitest';
import { contactWrites as writes, inboundOf, useSandbox } from './sandbox-harness.js';

const sandbox = useSandbox();
const { newWaId } = sandbox;
const contactWrites = (waId: string, text?: string) => writes(sandbox.h, waId, text);

describe("the sandbox's webhooks, posted the way Meta posts them", () => {
  it('retries a webhook the app did not accept, like Meta', async () => {
    const waId = newWaId();
    sandbox.h.webhookStatus = 500;
    await contactWrites(waId, 'are you there?');
    await new Promise((r) => setTimeout(r, 250));
    sandbox.h.webhookStatus = 200;
    await sandbox.h.waitFor((hooks) => inboundOf(hooks).some((m) => m.from.waId === waId));
    const view = await sandbox.h.phone<{ recentWebhooks: { kind: string; attempts: number }[] }>(
      'GET',
      '/sandbox/settings',
    );
    expect(view.body.recentWebhooks.find((d) => d.kind === 'message text')?.attempts).toBeGreaterThan(1);
  });

  it('escapes non-ASCII text as \\uXXXX and signs exactly those bytes', async () => {
    const waId = newWaId();
    await contactWrites(waId, 'Olá, já chegou? 👍');
    await sandbox.h.waitFor((hooks) => inboundOf(hooks).some((m) => m.from.waId === waId));
    const hook = sandbox.h.webhooks.find((w) => inboundOf([w]).some((m) => m.from.waId === waId))!;
    expect(hook.signed).toBe(true);
    expect(hook.raw.toString('utf8')).toContain('Ol\\u00e1, j\\u00e1 chegou? \\ud83d\\udc4d');
    expect(inboundOf([hook])[0]!.content).toEqual({ type: 'text', body: 'Olá, já chegou? 👍' });
  });

  it('sends duplicates of webhooks at the configured rate, as Meta may', async () => {
    await sandbox.h.settings({ duplicateRate: 1 });
    const waId = newWaId();
    await contactWrites(waId, 'twice');
    await sandbox.h.waitFor((hooks) => inboundOf(hooks).filter((m) => m.from.waId === waId).length === 2);
    const [a, b] = inboundOf(sandbox.h.webhooks).filter((m) => m.from.waId === waId);
    expect(a!.wamid).toBe(b!.wamid);
  });
});
