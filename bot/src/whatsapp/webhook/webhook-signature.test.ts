import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifyHandshake, verifySignature } from './webhook-signature.js';

// Test vector published with whatsapp-api-js (Secreto31126/whatsapp-api-js, test/index.test.js): the signature was
// computed over the body as Meta puts it on the wire, non-ASCII escaped as \uXXXX.
const VECTOR_SECRET = 'YOUR_APP_SECRET';
const VECTOR_SIGNATURE = 'sha256=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688';
const VECTOR_TEXT =
  "Let's pretend this body is equal to the message object and can handle unicode characters like みどりいろ and J'ai mangé des pâtes";

/** What Meta's serializer does: non-ASCII as lowercase \uXXXX (UTF-16 units) and `/` as `\/`. */
function escapeLikeMeta(json: string): string {
  return json
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const SECRET = 'app-secret-for-tests';

function inboundWithText(text: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '419561257915477',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'João Araújo' }, wa_id: '5511987654321' }],
              messages: [
                {
                  from: '5511987654321',
                  id: 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDAwMDAwMDAwMDAwMDAwMDAwAA==',
                  timestamp: '1750016800',
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

describe('verifySignature', () => {
  it('accepts the published vector over the escaped wire bytes', () => {
    const wire = escapeLikeMeta(VECTOR_TEXT);
    expect(wire).toContain('\\u307f\\u3069\\u308a\\u3044\\u308d');
    expect(verifySignature(Buffer.from(wire, 'utf8'), VECTOR_SIGNATURE, VECTOR_SECRET)).toBe(true);
  });

  it('rejects the published vector when the body is re-encoded as plain UTF-8', () => {
    expect(verifySignature(Buffer.from(VECTOR_TEXT, 'utf8'), VECTOR_SIGNATURE, VECTOR_SECRET)).toBe(false);
  });

  it('accepts a webhook signed over its raw bytes with non-ASCII text and emoji', () => {
    const raw = Buffer.from(escapeLikeMeta(inboundWithText('Olá! Posso pagar amanhã? 👋')), 'utf8');
    expect(verifySignature(raw, signBody(raw, SECRET), SECRET)).toBe(true);
  });

  it('rejects a signature computed over re-serialised JSON when the body has non-ASCII text', () => {
    const raw = Buffer.from(escapeLikeMeta(inboundWithText('Olá! Posso pagar amanhã? 👋')), 'utf8');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
    expect(reserialised.equals(raw)).toBe(false);
    expect(verifySignature(raw, signBody(reserialised, SECRET), SECRET)).toBe(false);
    expect(verifySignature(reserialised, signBody(raw, SECRET), SECRET)).toBe(false);
  });

  it('rejects a missing header', () => {
    const raw = Buffer.from(inboundWithText('hi'));
    expect(verifySignature(raw, undefined, SECRET)).toBe(false);
    expect(verifySignature(raw, '', SECRET)).toBe(false);
  });

  it('rejects a repeated signature header', () => {
    const raw = Buffer.from(inboundWithText('hi'));
    const header = signBody(raw, SECRET);
    expect(verifySignature(raw, [header, header], SECRET)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    const raw = Buffer.from(inboundWithText('hi'));
    expect(verifySignature(raw, signBody(raw, 'someone-else'), SECRET)).toBe(false);
  });

  it('rejects a body changed by one byte', () => {
    const raw = Buffer.from(inboundWithText('pay 100'));
    const header = signBody(raw, SECRET);
    expect(verifySignature(Buffer.from(inboundWithText('pay 900')), header, SECRET)).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const raw = Buffer.from(inboundWithText('hi'));
    const hex = createHmac('sha256', SECRET).update(raw).digest('hex');
    expect(verifySignature(raw, hex, SECRET)).toBe(false); // no prefix
    expect(verifySignature(raw, `sha1=${hex}`, SECRET)).toBe(false);
    expect(verifySignature(raw, `sha256=${hex.slice(0, 62)}`, SECRET)).toBe(false); // too short
    expect(verifySignature(raw, `sha256=${hex}00`, SECRET)).toBe(false); // too long
    expect(verifySignature(raw, `sha256=${'z'.repeat(64)}`, SECRET)).toBe(false); // not hex
    expect(verifySignature(raw, 'sha256=', SECRET)).toBe(false);
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    const raw = Buffer.from(inboundWithText('hi'));
    const hex = createHmac('sha256', SECRET).update(raw).digest('hex').toUpperCase();
    expect(verifySignature(raw, ` sha256=${hex} `, SECRET)).toBe(true);
  });

  it('rejects everything when no app secret is configured', () => {
    const raw = Buffer.from(inboundWithText('hi'));
    expect(verifySignature(raw, signBody(raw, ''), '')).toBe(false);
  });
});

describe('verifyHandshake', () => {
  const TOKEN = 'YOUR_WEBHOOK_VERIFY_TOKEN';

  it('answers the challenge when mode is subscribe and the token matches', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': 'challenge', 'hub.verify_token': TOKEN };
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: true, challenge: 'challenge' });
  });

  it('refuses a wrong token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': 'challenge', 'hub.verify_token': 'wrong' };
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: false, reason: 'wrong_token' });
  });

  it('refuses missing parameters', () => {
    expect(verifyHandshake({}, TOKEN)).toEqual({ ok: false, reason: 'missing_parameters' });
    expect(verifyHandshake({ 'hub.mode': 'subscribe' }, TOKEN)).toEqual({
      ok: false,
      reason: 'missing_parameters',
    });
  });

  it('refuses another mode', () => {
    const query = { 'hub.mode': 'unsubscribe', 'hub.challenge': 'c', 'hub.verify_token': TOKEN };
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: false, reason: 'wrong_mode' });
  });

  it('refuses repeated parameters rather than picking one', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': 'c', 'hub.verify_token': [TOKEN, 'x'] };
    expect(verifyHandshake(query, TOKEN)).toEqual({ ok: false, reason: 'missing_parameters' });
  });

  it('refuses every token when none is configured', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': 'c', 'hub.verify_token': '' };
    expect(verifyHandshake(query, '')).toEqual({ ok: false, reason: 'wrong_token' });
  });
});
