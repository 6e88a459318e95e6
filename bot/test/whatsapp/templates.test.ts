import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '@bridgeline/shared';
import { syncTemplateCatalogue, type CatalogueEntry } from '../../src/app/templates.use-case.js';
import type { Message, Thread } from '@bridgeline/shared';
import { eventually } from '../support/eventually.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../support/test-app.js';
import { metaJson, postWebhook, WABA_ID } from './webhook/webhook-builders.js';

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

async function catalogue(): Promise<Template[]> {
  const r = await alice.get<Template[]>('/api/v1/templates');
  expect(r.status).toBe(200);
  return r.body;
}

/** The catalogue once the sync has filled it (the sandbox account's one template a member may pick). */
const synced = () =>
  eventually('the template catalogue to sync', async () => {
    const list = await catalogue();
    return list.length >= 1 ? list : null;
  });

function templateUpdate(name: string, event: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        time: 1750000000,
        changes: [
          {
            field: 'message_template_status_update',
            value: {
              event,
              message_template_id: 1000000000000003,
              message_template_name: name,
              message_template_language: 'en_US',
              reason: 'NONE',
            },
          },
        ],
      },
    ],
  };
}

const entry = (over: Partial<CatalogueEntry>): CatalogueEntry => ({
  providerTemplateId: '1',
  name: 'account_update',
  language: 'en_US',
  status: 'APPROVED',
  category: 'UTILITY',
  quality: 'GREEN',
  body: 'Hello {{1}}',
  parameterCount: 1,
  quickReplies: [],
  ...over,
});

describe('template catalogue', () => {
  it('offers the sandbox catalogue at start: only APPROVED templates a member picks, with body and parameter count', async () => {
    const list = await synced();
    // Not the opt-in and resume requests: Bridgeline sends those itself.
    expect(list.map((t) => t.name).sort()).toEqual(['appointment_reminder']);
    expect(list.find((t) => t.name === 'appointment_reminder')).toEqual({
      name: 'appointment_reminder',
      language: 'en_US',
      category: 'UTILITY',
      body: 'Reminder: your appointment with {{1}} is on {{2}}. Reply here if you need to move it.',
      parameterCount: 2,
    });
  });

  it('keeps the words the contact read as the text of a template message, parameters filled in', async () => {
    await synced();
    const phone = newPhone();
    const started = await alice.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone,
      sendOptIn: true,
    });
    expect(started.status).toBe(201);
    await app.inbound(phone, { text: 'yes' });
    const sent = await alice.post<Message>(`/api/v1/threads/${started.body.id}/messages`, {
      clientMessageId: clientId(),
      template: { name: 'appointment_reminder', language: 'en_US', parameters: ['Dr Lee', 'Monday 10:00'] },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.text).toBe(
      'Reminder: your appointment with Dr Lee is on Monday 10:00. Reply here if you need to move it.',
    );
    const history = await alice.get<{ items: Message[] }>(`/api/v1/threads/${started.body.id}/messages`);
    const optIn = history.body.items.find(
      (m) => m.type === 'template' && m.template?.name === 'bridgeline_opt_in',
    );
    expect(optIn?.text).toMatch(
      /^Hello! Your adviser would like to continue your conversation on WhatsApp\./,
    );
  });

  it('stops offering a template Meta pauses, and offers it again once approved', async () => {
    await synced();
    const paused = await postWebhook(app.url, metaJson(templateUpdate('appointment_reminder', 'PAUSED')));
    expect(paused.status).toBe(200);
    expect((await catalogue()).map((t) => t.name)).not.toContain('appointment_reminder');
    await postWebhook(app.url, metaJson(templateUpdate('appointment_reminder', 'APPROVED')));
    expect((await catalogue()).map((t) => t.name)).toContain('appointment_reminder');
  });

  it('keeps a template learnt from a webhook out of the picker until a sync gives its body', async () => {
    await postWebhook(app.url, metaJson(templateUpdate('brand_new', 'PENDING')));
    expect((await catalogue()).map((t) => t.name)).not.toContain('brand_new');
  });

  it('marks templates Meta no longer lists as deleted on a full sync', async () => {
    await synced();
    await syncTemplateCatalogue(app.running.ctx, WABA_ID, [entry({ name: 'account_update' })]);
    expect((await catalogue()).map((t) => t.name)).toEqual(['account_update']);
    const [row] = await app.sql<{ status: string }>(
      `SELECT status FROM templates WHERE name = 'appointment_reminder'`,
    );
    expect(row?.status).toBe('DELETED');
  });
});
