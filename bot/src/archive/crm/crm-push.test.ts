import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type StoredRecord } from '../../domain/archive/index.js';
import { crmIdempotencyKey, crmRequest } from './crm-push.js';

const SECRET = 'a-crm-secret-of-some-length';
const record: StoredRecord = {
  seq: 12,
  prevHash: '1'.repeat(64),
  hash: '2'.repeat(64),
  payload: {
    tenantId: 't1',
    seq: 12,
    type: 'message.status',
    at: '2026-03-02T09:00:00.000Z',
    content: null,
    contentSha256: null,
  },
};

describe('the CRM push request of one record', () => {
  it('is the canonical JSON of the record, signed with HMAC-SHA256 of exactly those bytes', () => {
    const { body, headers } = crmRequest(record, SECRET);
    expect(body).toBe(canonicalJson(record.payload));
    const hex = createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(headers['x-bridgeline-signature']).toBe(`sha256=${hex}`);
  });

  it('names the tenant and the record, and keeps the same idempotency key for the same record', () => {
    const { headers } = crmRequest(record, SECRET);
    expect(headers).toMatchObject({
      'x-bridgeline-tenant': 't1',
      'x-bridgeline-record': '12',
      'idempotency-key': crmIdempotencyKey(structuredClone(record)),
    });
    expect(crmIdempotencyKey({ ...record, seq: 13 })).not.toBe(headers['idempotency-key']);
  });
});
