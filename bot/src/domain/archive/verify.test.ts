import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealRecords, type ArchiveDraft } from './chain.js';
import { ChainVerifier, checkpointText, type Checkpoint, type StoredRecord } from './verify.js';

/**
 * The domain takes its digest as a function (the adapters hand it SHA-256). Here, a stand-in that is just as
 * deterministic and sensitive to every character: eight FNV-1a hashes with different seeds, 64 hex digits.
 */
const sha256 = (text: string): string => {
  let out = '';
  for (let seed = 0; seed < 8; seed++) {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
};
const TENANT = 'tenant-1';

const draft = (i: number): ArchiveDraft => ({
  tenantId: TENANT,
  type: 'message.in',
  at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  message: { id: `m${i}` },
  content: { text: `hello ${i}` },
});

function chainOf(n: number): StoredRecord[] {
  return sealRecords(
    { seq: 0, hash: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => draft(i + 1)),
    sha256,
  );
}

const clone = <T>(value: T): T => structuredClone(value);
const signedBy = (secret: string) => (c: Omit<Checkpoint, 'signature'>) => ({
  ...c,
  signature: sha256(secret + checkpointText(c)),
});
const validSignature = (c: Checkpoint) => c.signature === sha256('key' + checkpointText(c));

function verify(
  records: StoredRecord[],
  checkpoints: Checkpoint[] = [],
  purged: (seq: number) => boolean = () => false,
) {
  const verifier = new ChainVerifier(TENANT, sha256, new Set(checkpoints.map((c) => c.seq)));
  // Fed in two batches, as verify reads them.
  verifier.feed(records.slice(0, 2), purged);
  verifier.feed(records.slice(2), purged);
  return verifier.finish(checkpoints, validSignature);
}

describe('the archive chain', () => {
  it('finds an untouched chain intact and names its head', () => {
    const records = chainOf(5);
    expect(verify(records)).toEqual({ intact: true, records: 5, head: records[4]!.hash, brokenAt: null });
  });

  it('numbers records on from the head without gaps, each linked to the one before', () => {
    const records = chainOf(3);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    expect(records[2]!.prevHash).toBe(records[1]!.hash);
  });

  it('names the record whose metadata was edited', () => {
    const records = chainOf(5);
    records[2]!.payload.type = 'message.out';
    expect(verify(records).brokenAt).toEqual({
      seq: 3,
      reason: 'edited content (the record differs from what was sealed)',
    });
    // An export read back carries no sealed text: the payload itself is hashed.
    const exported = records.map(({ sealed: _sealed, ...r }) => r);
    expect(verify(exported).brokenAt).toEqual({
      seq: 3,
      reason: 'edited content (the record does not match its hash)',
    });
  });

  it('names the record whose words were edited, though the chain hashes only their digest', () => {
    const records = chainOf(5);
    records[3]!.payload.content = { text: 'something else' };
    expect(verify(records).brokenAt).toEqual({
      seq: 4,
      reason: 'edited content (the words do not match their SHA-256)',
    });
  });

  it('names the record whose stored payload no longer says what was sealed', () => {
    const records = chainOf(3).map((r) => ({ ...r, payloadMatchesSealed: true }));
    records[1] = { ...records[1]!, payloadMatchesSealed: false };
    expect(verify(records).brokenAt).toEqual({
      seq: 2,
      reason: 'edited content (the record differs from what was sealed)',
    });
  });

  it('hashes the stored sealed text when there is one, so an edit of that text is caught', () => {
    const records = chainOf(3);
    records[2] = { ...records[2]!, sealed: records[2]!.sealed!.replace('"m3"', '"m4"') };
    expect(verify(records).brokenAt).toEqual({
      seq: 3,
      reason: 'edited content (the record does not match its hash)',
    });
  });

  it('names a missing record', () => {
    const records = chainOf(5);
    records.splice(1, 1);
    expect(verify(records).brokenAt).toEqual({ seq: 2, reason: 'missing record (2 absent)' });
  });

  it('catches two records swapped, seqs and all', () => {
    const records = chainOf(5);
    const [a, b] = [clone(records[1]!), clone(records[2]!)];
    records[1] = { ...b, seq: 2, payload: { ...b.payload, seq: 2 } };
    records[2] = { ...a, seq: 3, payload: { ...a.payload, seq: 3 } };
    expect(verify(records).brokenAt?.seq).toBe(2);
  });

  it('catches a record rehashed after an edit, by the next record’s link', () => {
    const records = chainOf(5);
    records[1]!.payload.content = { text: 'forged' };
    const [resealed] = sealRecords(
      { seq: 1, hash: records[0]!.hash },
      [{ ...draft(2), content: { text: 'forged' } }],
      sha256,
    );
    records[1] = resealed!;
    expect(verify(records).brokenAt).toEqual({
      seq: 3,
      reason: "wrong link (its prev_hash is not the previous record's hash)",
    });
  });

  it('catches records cut off the end once a signed checkpoint covers them', () => {
    const records = chainOf(5);
    const checkpoint = signedBy('key')({
      tenantId: TENANT,
      seq: 5,
      hash: records[4]!.hash,
      at: '2026-01-01T01:00:00.000Z',
    });
    expect(verify(records, [checkpoint]).intact).toBe(true);
    expect(verify(records.slice(0, 3), [checkpoint]).brokenAt).toEqual({
      seq: 4,
      reason:
        'records missing after the last signed checkpoint (checkpoint of 2026-01-01T01:00:00.000Z covers 5 records, 3 found)',
    });
  });

  it('refuses a checkpoint not signed by the archive key', () => {
    const records = chainOf(3);
    const forged = signedBy('another key')({
      tenantId: TENANT,
      seq: 3,
      hash: records[2]!.hash,
      at: '2026-01-01T01:00:00.000Z',
    });
    expect(verify(records, [forged]).brokenAt).toEqual({ seq: 3, reason: 'checkpoint signature invalid' });
  });

  it('refuses a chain rebuilt from scratch that no longer matches its checkpoint', () => {
    const records = chainOf(3);
    const checkpoint = signedBy('key')({
      tenantId: TENANT,
      seq: 3,
      hash: records[2]!.hash,
      at: '2026-01-01T01:00:00.000Z',
    });
    const rebuilt = sealRecords(
      { seq: 0, hash: GENESIS_HASH },
      [draft(1), draft(2), { ...draft(3), content: { text: 'x' } }],
      sha256,
    );
    expect(verify(rebuilt, [checkpoint]).brokenAt).toEqual({
      seq: 3,
      reason: 'record differs from its signed checkpoint',
    });
  });

  it('accepts purged words only where a retention record says they were purged', () => {
    const records = chainOf(4);
    records[1]!.payload.content = null;
    expect(verify(records).brokenAt).toEqual({
      seq: 2,
      reason: 'content removed without a retention record',
    });
    expect(verify(records, [], (seq) => seq === 2).intact).toBe(true);
  });

  it('gives the same hash to a record whatever order its keys come back in (as jsonb returns them)', () => {
    const [record] = chainOf(1);
    const reverse = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reverse(v)]),
          )
        : value;
    const payload = reverse(record!.payload) as StoredRecord['payload'];
    expect(Object.keys(payload)[0]).not.toBe(Object.keys(record!.payload)[0]);
    expect(verify([{ ...record!, payload }]).intact).toBe(true);
  });
});
