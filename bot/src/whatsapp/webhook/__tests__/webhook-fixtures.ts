import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseWebhook, type NumberEvents, type ParseWebhookResult } from '../webhook-payload.parser.js';

/** What the webhook parser tests share: Meta-shaped bodies from test/fixtures/whatsapp, read and parsed. */

export function fixture(name: string): unknown {
  const url = new URL(`../../../../test/fixtures/whatsapp/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}

export function ok(result: ParseWebhookResult): Extract<ParseWebhookResult, { ok: true }> {
  if (!result.ok)
    throw new Error(`expected a parsed batch, got ${result.reason}: ${result.issues.join(', ')}`);
  return result;
}

export function onlyNumber(name: string): NumberEvents {
  const batch = ok(parseWebhook(fixture(name)));
  expect(batch.skipped).toEqual([]);
  expect(batch.numbers).toHaveLength(1);
  const [events] = batch.numbers;
  if (!events) throw new Error('no number');
  return events;
}
