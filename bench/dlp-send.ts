import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../bot/src/config.js';
import { startBridgeline } from '../bot/src/bootstrap.js';
import { claimThread } from '../bot/src/app/membership/claim-thread.use-case.js';
import { receiveMessage } from '../bot/src/app/receive-message.use-case.js';
import { sendMessage } from '../bot/src/app/send-message.use-case.js';
import { createDlpRule } from '../bot/src/app/dlp/rules.use-case.js';
import type { DlpRule } from '../bot/src/domain/dlp/index.js';
import { withBenchDatabase } from './support/bench-database.js';

/**
 * The send path with DLP on and off, side by side (issue 14: on ≥ 0.9× off): one member sending text messages into a
 * conversation through the use case the API runs (`sendMessage`: the transaction, the checks, the message row, its
 * archive record and its delivery job), against the dev tenant without rules, then with the benchmark's 50 rules.
 * Rounds alternate off and on so that a busy machine disturbs both alike; the best round of each is the figure.
 */
const SENDS = Number(process.env.DLP_SEND_BENCH_SENDS ?? 300);
const ROUNDS = 3;

export async function sendPathRatio(
  rules: DlpRule[],
  text: string,
): Promise<{ offPerSecond: number; onPerSecond: number; ratio: number }> {
  let out = { offPerSecond: 0, onPerSecond: 0, ratio: 0 };
  await withBenchDatabase(async (url) => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      DATA_DIR: '.tmp/bench-data',
      ROLE: 'web',
    });
    const app = await startBridgeline(config, { log: pino({ level: 'silent' }), tabDir: null });
    try {
      const ctx = app.ctx;
      const [member] = await app.db.query<{ id: string; tenant_id: string }>(
        `SELECT id, tenant_id FROM members WHERE email = 'alice@contoso.test'`,
      );
      const caller = (await ctx.uow.read((s) => s.members.byId(member!.tenant_id, member!.id)))!;
      const [number] = await app.db.query<{ provider_number_id: string }>(
        `SELECT provider_number_id FROM business_numbers WHERE tenant_id = $1 AND channel = 'whatsapp' LIMIT 1`,
        [caller.tenantId],
      );
      const received = await receiveMessage(ctx, {
        channel: 'whatsapp',
        providerNumberId: number!.provider_number_id,
        from: { waId: '14155550199', profileName: 'Bench' },
        sentAt: ctx.clock.now(),
        type: 'text',
        text: 'Hello',
        providerMessageId: `wamid.bench.${randomUUID()}`,
      });
      if (!received.ok || received.value.status !== 'stored') throw new Error('no conversation to send in');
      const threadId = received.value.threadId;
      const claimed = await claimThread(ctx, caller, threadId);
      if (!claimed.ok) throw new Error(`claim refused: ${claimed.code}`);

      const round = async (): Promise<number> => {
        const started = performance.now();
        for (let i = 0; i < SENDS; i += 1) {
          const sent = await sendMessage(ctx, caller, threadId, { clientMessageId: randomUUID(), text });
          if (!sent.ok) throw new Error(`send refused: ${sent.code} ${sent.detail ?? ''}`);
        }
        return SENDS / ((performance.now() - started) / 1000);
      };
      await round(); // warm-up
      const off: number[] = [];
      const on: number[] = [];
      for (let r = 0; r < ROUNDS; r += 1) {
        off.push(await round());
        for (const rule of rules) {
          const created = await createDlpRule(ctx, caller, {
            ...rule,
            keywords: rule.keywords ? [...rule.keywords] : undefined,
          });
          if (!created.ok) throw new Error(`rule refused: ${created.detail ?? ''}`);
        }
        on.push(await round());
        await app.db.query('DELETE FROM dlp_rules');
        await app.db.query('UPDATE dlp_policy_versions SET version = gen_random_uuid()');
      }
      const offPerSecond = Math.max(...off);
      const onPerSecond = Math.max(...on);
      out = { offPerSecond, onPerSecond, ratio: onPerSecond / offPerSecond };
    } finally {
      await app.stop();
    }
  });
  return out;
}
