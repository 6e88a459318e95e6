import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The smallest Graph API that answers sends like Meta (`POST /{version}/{phone-number-id}/messages`), recording when
 * each send arrived and what it carried. Loopback only.
 */
export interface StubGraph {
  baseUrl: string;
  sends: { at: number; body: string }[];
  stop(): Promise<void>;
}

export async function startStubGraph(): Promise<StubGraph> {
  const sends: { at: number; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      sends.push({ at: performance.now(), body });
      const to = (JSON.parse(body) as { to?: string }).to ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: to, wa_id: to }],
          messages: [{ id: `wamid.stub${randomBytes(12).toString('hex')}` }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sends,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
