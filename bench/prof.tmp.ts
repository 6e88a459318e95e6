import { createHash, randomUUID } from 'node:crypto';
import { GENESIS_HASH, sealRecords, ChainVerifier } from '../bot/src/domain/archive/index.js';
const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const N = 100000;
const drafts = Array.from({ length: N }, (_, i) => ({
  tenantId: 't', type: 'message.in', at: new Date(i * 1000).toISOString(), event: 'message.received', channel: 'whatsapp',
  thread: { id: randomUUID() }, contact: { id: randomUUID(), displayName: 'Bench', phone: '+14155550100', waId: '14155550100', userId: null, username: null },
  message: { id: randomUUID(), direction: 'in', type: 'text', status: 'delivered', providerMessageId: `wamid.${i}` },
  details: {}, content: { text: `Could you confirm the transfer went through? (${i})` },
}));
let t = performance.now();
const sealed = sealRecords({ seq: 0, hash: GENESIS_HASH }, drafts, sha256);
console.log('seal', (performance.now() - t).toFixed(0), 'ms');
const json = sealed.map((r) => JSON.stringify(r.payload));
t = performance.now();
const parsed = json.map((j) => JSON.parse(j));
console.log('parse', (performance.now() - t).toFixed(0), 'ms');
t = performance.now();
const v = new ChainVerifier('t', sha256);
v.feed(sealed.map((r, i) => ({ ...r, payload: parsed[i] })));
console.log('verify', (performance.now() - t).toFixed(0), 'ms', v.finish([], () => true).intact);
