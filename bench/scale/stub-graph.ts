import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The Graph API the scale harness points every process at (`WHATSAPP_GRAPH_BASE_URL`): answers sends like Meta
 * (`POST /{version}/{phone-number-id}/messages`) and the template list (`GET /{version}/{waba-id}/message_templates`,
 * empty), and records when each send arrived, to whom, and its text. Loopback only; keep-alive like Meta's edge.
 */
export interface Arrival {
  at: number;
  to: string;
  text: string;
}

export interface ScaleStub {
  baseUrl: string;
  arrivals: Arrival[];
  stop(): Promise<void>;
}

export async function startScaleStub(): Promise<ScaleStub> {
  const arrivals: Arrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url?.includes('/message_templates')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: [] }));
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/messages')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not in the stub', type: 'OAuthException', code: 803 } }));
        return;
      }
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        to?: string;
        text?: { body?: string };
        status?: string;
      };
      // A read receipt (`status: read`) is not a send.
      if (body.status === 'read') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: true }));
        return;
      }
      const to = body.to ?? '';
      arrivals.push({ at, to, text: body.text?.body ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: to, wa_id: to }],
          messages: [{ id: `wamid.scale${randomBytes(12).toString('hex')}` }],
        }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
