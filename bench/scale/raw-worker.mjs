/**
 * The baseline's worker process: the classic outbox loop (claim one queued row with FOR UPDATE SKIP LOCKED, call the
 * Graph API inside the transaction, mark it sent), `concurrency` connections at once, until the backlog is empty or
 * `seconds` passed. Started twice by bench/scale, like the two ROLE=worker processes it stands beside.
 * Usage: node raw-worker.mjs DATABASE_URL GRAPH_BASE_URL CONCURRENCY SECONDS; prints the count sent on exit.
 */
import process from 'node:process';
import pg from 'pg';

const [url, graph, concurrencyArg, secondsArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const deadline = Date.now() + Number(secondsArg) * 1000;
const pool = new pg.Pool({ connectionString: url, max: concurrency, application_name: 'bench-raw-worker' });
let sent = 0;

await Promise.all(
  Array.from({ length: concurrency }, async () => {
    const client = await pool.connect();
    try {
      while (Date.now() < deadline) {
        await client.query('BEGIN');
        const { rows } = await client.query(
          `SELECT m.id, m.text, c.phone_e164 AS phone, b.provider_number_id AS pnid FROM messages m
             JOIN contacts c ON c.id = m.contact_id JOIN business_numbers b ON b.id = m.business_number_id
            WHERE m.status = 'queued' ORDER BY m.seq LIMIT 1 FOR UPDATE OF m SKIP LOCKED`,
        );
        const row = rows[0];
        if (!row) {
          await client.query('COMMIT');
          return;
        }
        const res = await globalThis.fetch(`${graph}/v23.0/${row.pnid}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench-scale-token' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: row.phone.slice(1),
            type: 'text',
            text: { preview_url: false, body: row.text },
          }),
        });
        const answer = await res.json();
        await client.query(`UPDATE messages SET status = 'sent', provider_message_id = $2 WHERE id = $1`, [
          row.id,
          answer.messages[0].id,
        ]);
        await client.query('COMMIT');
        sent++;
      }
    } finally {
      client.release();
    }
  }),
);
await pool.end();
process.stdout.write(`${sent}\n`);
