import { describe, expect, it } from 'vitest';
import { BUSINESS, inboundOf, statusesOf, useSandbox } from '../sandbox-harness.js';

const sandbox = useSandbox();
const { newWaId } = sandbox;

describe("the contact's side of the sandbox: their phone", () => {
  it('renders the template on the phone with its body and quick-reply buttons', async () => {
    const waId = newWaId();
    await sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, waId, {
      name: 'appointment_reminder',
      language: 'en_US',
      bodyParameters: ['Dr Lee', 'Monday 10:00'],
    });
    const chat = await sandbox.h.phone<{
      messages: { from: string; template: { body: string; buttons: { text: string; payload: string }[] } }[];
    }>('GET', `/sandbox/phone/chats/${waId}`);
    expect(chat.body.messages[0]).toMatchObject({
      from: 'business',
      template: {
        body: 'Reminder: your appointment with Dr Lee is on Monday 10:00. Reply here if you need to move it.',
        // No payload in the send: Meta echoes the button's text.
        buttons: [
          { text: 'Confirm', payload: 'Confirm' },
          { text: 'Reschedule', payload: 'Reschedule' },
        ],
      },
    });
  });

  it('turns a quick-reply tap into a button message carrying our payload and quoting the template', async () => {
    const waId = newWaId();
    const sent = await sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, waId, {
      name: 'bridgeline_opt_in',
      language: 'en_US',
      quickReplyPayloads: ['BRIDGELINE_OPT_IN', 'BRIDGELINE_OPT_OUT'],
    });
    const tap = await sandbox.h.phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'button',
      messageId: sent.wamid,
      index: 0,
    });
    expect(tap.status).toBe(201);
    await sandbox.h.waitFor((hooks) => inboundOf(hooks).some((m) => m.from.waId === waId));
    const tapped = inboundOf(sandbox.h.webhooks).find((m) => m.from.waId === waId)!;
    expect(tapped.content).toEqual({
      type: 'button',
      payload: 'BRIDGELINE_OPT_IN',
      text: 'Start conversation',
    });
    expect(tapped.context?.quotedWamid).toBe(sent.wamid);
    expect(tapped.timestamp.getTime()).toBe(Math.floor(sandbox.h.clock.now().getTime() / 1000) * 1000);
  });

  it('posts read only after delivered, once the phone has shown the message', async () => {
    const waId = newWaId();
    await sandbox.h.settings({ statusDelayMs: 60 });
    const sent = await sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, waId, {
      name: 'bridgeline_resume',
      language: 'en_US',
    });
    // The page shows it before Meta even said "sent": read still comes last.
    expect((await sandbox.h.phone('POST', `/sandbox/phone/chats/${waId}/read`, {})).body).toEqual({
      read: 1,
    });
    await sandbox.h.waitFor((hooks) =>
      statusesOf(hooks).some((s) => s.wamid === sent.wamid && s.status === 'read'),
    );
    expect(
      statusesOf(sandbox.h.webhooks)
        .filter((s) => s.wamid === sent.wamid)
        .map((s) => s.status),
    ).toEqual(['sent', 'delivered', 'read']);
  });

  it('posts a reaction and a reply-to with the quoted message id', async () => {
    const waId = newWaId();
    const sent = await sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, waId, {
      name: 'bridgeline_resume',
      language: 'en_US',
    });
    await sandbox.h.phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'reaction',
      messageId: sent.wamid,
      emoji: '👍',
    });
    await sandbox.h.phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'text',
      text: 'About this',
      replyTo: sent.wamid,
    });
    await sandbox.h.waitFor((hooks) => inboundOf(hooks).filter((m) => m.from.waId === waId).length === 2);
    const [reaction, reply] = inboundOf(sandbox.h.webhooks).filter((m) => m.from.waId === waId);
    expect(reaction!.content).toEqual({ type: 'reaction', reactedWamid: sent.wamid, emoji: '👍' });
    expect(reply!.context?.quotedWamid).toBe(sent.wamid);
  });
});
