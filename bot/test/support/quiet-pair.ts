import type { Thread } from '@bridgeline/shared';
import { expect } from 'vitest';
import type { PairKey } from '../../src/ports/index.js';
import { eventually, newPhone, type Api, type TestApp } from './test-app.js';

/**
 * A contact who wrote first, in a thread the member claimed, and the (business number, contact) pair with no drain
 * waiting or running: the starting point of the crash-safety tests, which then leave messages as a crash would.
 */
export async function aClaimedQuietPair(
  app: TestApp,
  member: Api,
  phone = newPhone(),
): Promise<{ threadId: string; key: PairKey }> {
  const { threadId } = await app.inbound(phone);
  expect((await member.post<Thread>(`/api/v1/threads/${threadId}/claim`)).status).toBe(200);
  const [t] = await app.sql<PairKey>(
    `SELECT tenant_id AS "tenantId", business_number_id AS "businessNumberId", contact_id AS "contactId"
       FROM threads WHERE id = $1`,
    [threadId],
  );
  const key: PairKey = {
    tenantId: t!.tenantId,
    businessNumberId: t!.businessNumberId,
    contactId: t!.contactId,
  };
  await eventually('no drain of the pair waiting or running', async () => {
    const [r] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'deliver' AND data->>'contactId' = $1
          AND state IN ('created', 'retry', 'active')`,
      [key.contactId],
    );
    return Number(r!.n) === 0;
  });
  return { threadId, key };
}
