import { describe, expect, it } from 'vitest';
import type { ArchivePayload } from './chain.js';
import {
  exportManifest,
  exportOrder,
  exportRangeProblem,
  ExportTally,
  type ExportRecord,
  type ExportScope,
} from './export.js';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

const record = (seq: number, type: string, thread: string | null = null): ExportRecord => ({
  seq,
  type,
  threadId: thread,
  json: '{}',
  prevHash: String(seq - 1).padStart(64, '0'),
  hash: String(seq).padStart(64, '0'),
  payload: {
    tenantId: 't',
    seq,
    type,
    at: '2026-03-02T09:00:00.000Z',
    thread: thread ? { id: thread } : null,
    content: null,
    contentSha256: null,
  } as ArchivePayload,
});

const scope: ExportScope = {
  tenantId: '00000000-0000-4000-8000-000000000001',
  format: 'eml',
  from: at('2026-03-01T00:00:00Z'),
  to: at('2026-04-01T00:00:00Z'),
  threadId: null,
  contactId: null,
  memberId: null,
  asOfSeq: 40,
};

describe('the time range of an export', () => {
  it('refuses `from` after `to`, in words', () => {
    expect(exportRangeProblem(at('2026-03-02T00:00:00Z'), at('2026-03-01T00:00:00Z'), 30)).toBe(
      '`from` is after `to`.',
    );
  });

  it('takes a range of exactly the longest allowed, and refuses one a millisecond longer', () => {
    const from = at('2026-03-01T00:00:00Z');
    expect(exportRangeProblem(from, new Date(from.getTime() + 30 * DAY), 30)).toBeNull();
    expect(exportRangeProblem(from, new Date(from.getTime() + 30 * DAY + 1), 30)).toMatch(/at most 30 days/);
  });

  it('takes an empty range (from = to): an export of nothing', () => {
    expect(exportRangeProblem(at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), 1)).toBeNull();
  });
});

describe('the order a format reads in', () => {
  it('is the chain for JSON Lines, threads for the formats that group by thread', () => {
    expect(exportOrder('jsonl')).toBe('seq');
    expect(exportOrder('eml')).toBe('thread');
    expect(exportOrder('rsmf')).toBe('thread');
  });
});

describe('the manifest of an export', () => {
  it('counts records by type and messages, and names the lowest and highest seq whatever the order they came in', () => {
    const tally = new ExportTally();
    tally.add([record(7, 'message.in', 'b'), record(9, 'message.status', 'b')]);
    tally.add([
      record(3, 'message.out', 'a'),
      record(12, 'member.joined', 'a'),
      record(5, 'admin.member_created'),
    ]);
    const manifest = exportManifest({
      scope,
      tally,
      files: [
        { name: 'threads/a/2026-03-02.eml', sha256: 'a'.repeat(64), records: 2 },
        { name: 'threads/b/2026-03-02.eml', sha256: 'b'.repeat(64), records: 2 },
        { name: 'tenant/2026-03-02.eml', sha256: 'c'.repeat(64), records: 1 },
      ],
      generatedAt: at('2026-04-01T08:00:00Z'),
    });
    expect(manifest.records).toEqual({
      total: 5,
      byType: {
        'admin.member_created': 1,
        'member.joined': 1,
        'message.in': 1,
        'message.out': 1,
        'message.status': 1,
      },
    });
    expect(manifest.messages).toBe(2);
    expect(manifest.chain).toEqual({ firstSeq: 3, lastSeq: 12, headHash: record(12, 'x').hash, asOfSeq: 40 });
    expect(manifest).toMatchObject({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
  });

  it('is refused when its files do not hold every record read, exactly once', () => {
    const tally = new ExportTally();
    tally.add([record(1, 'message.in', 'a'), record(2, 'message.in', 'a')]);
    const files = [{ name: 'records.jsonl', sha256: 'a'.repeat(64), records: 1 }];
    expect(() => exportManifest({ scope, tally, files, generatedAt: at('2026-04-01T00:00:00Z') })).toThrow(
      /hold 1 records but 2 were read/,
    );
  });

  it('says null for the chain positions of an export of nothing', () => {
    const manifest = exportManifest({ scope, tally: new ExportTally(), files: [], generatedAt: new Date(0) });
    expect(manifest.chain).toEqual({ firstSeq: null, lastSeq: null, headHash: null, asOfSeq: 40 });
    expect(manifest.records).toEqual({ total: 0, byType: {} });
  });
});
