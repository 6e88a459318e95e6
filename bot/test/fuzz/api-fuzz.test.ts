import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberSummary, Thread } from '@bridgeline/shared';
import { SANDBOX_APP_SECRET } from '../../src/whatsapp/webhook/sandbox-credentials.js';
import { signBody } from '../../src/whatsapp/webhook/webhook-signature.js';
import { newPhone, startTestApp, type TestApp } from '../support/test-app.js';
import {
  aBody,
  epoch,
  inboxDrained,
  metaJson,
  wamid,
  type Json,
} from '../whatsapp/webhook/webhook-builders.js';

/**
 * Fuzzing from outside, as an attacker would: every route of the server's own OpenAPI document (so a new route is
 * fuzzed without touching this file) and Meta's signed webhook, with wrong types, sizes, encodings, NUL, lone
 * surrogates, deep nesting, huge strings and wrong content types. The rule: never a 5xx, never a hang (each request
 * is bounded), and nothing the webhook acknowledged fails when applied. Fixed seeds and run counts: deterministic.
 *
 * FUZZ_RUNS sets the depth: inputs per route, and four times as many signed webhook bodies (default 8; CI runs 25,
 * the depth it always had). With the fixed seed a run's inputs are the first ones of any deeper run, so a deeper run
 * only adds inputs: `FUZZ_RUNS=100 npx vitest run bot/test/fuzz` for a long search.
 */

const SEED = 20_261_111;
const RUNS_PER_OPERATION = fuzzRuns(process.env.FUZZ_RUNS);
const WEBHOOK_RUNS = 4 * RUNS_PER_OPERATION;
/** The time limits were set for 25 runs; a deeper run gets proportionally more. */
const timeout = (msFor25Runs: number) => ({ timeout: msFor25Runs * Math.max(1, RUNS_PER_OPERATION / 25) });

function fuzzRuns(setting: string | undefined): number {
  if (setting === undefined || setting === '') return 8;
  const n = Number(setting);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FUZZ_RUNS is a whole number ≥ 1, not "${setting}"`);
  return n;
}
const REQUEST_TIMEOUT_MS = 10_000;

type Operation = {
  path: string;
  method: string;
  parameters: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
};
type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

let app: TestApp;
let token: string;
let operations: Operation[];
/** Filled before the first run; the arbitraries read it when they generate. */
const ids: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  token = await app.token('alice@contoso.test');
  const api = app.api(token);
  const thread = await api.post<Thread>('/api/v1/threads', {
    channel: 'whatsapp',
    phone: newPhone(),
    sendOptIn: true,
  });
  const members = await api.get<MemberSummary[]>('/api/v1/members');
  // Real ids make the fuzz reach past "not found": a thread, its first message, members other than Alice.
  ids.push(
    thread.body.id,
    ...members.body.filter((m) => m.email !== 'alice@contoso.test').map((m) => m.id),
    '00000000-0000-4000-8000-000000000000',
  );
  const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Omit<Operation, 'path' | 'method'>>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, ...op, parameters: op.parameters ?? [] })),
  );
}, 60_000);
afterAll(async () => app?.stop());

// ---- arbitraries ----------------------------------------------------------------------------------------------

const NASTY = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\udbff\udfff',
  '😀',
  '\u202e\u200b',
  '%00',
  '%ED%A0%80',
  '\\u0000',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '{{1}}',
  ' ',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  'null',
];
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant('+14155550123') },
);
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
const realId = fc.nat().map((n) => ids[n % ids.length] ?? '');
const idLike = () => fc.oneof(realId, fc.uuid(), nastyString);
const leaf = () =>
  fc.oneof(
    nastyString,
    idLike(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('whatsapp', 'sms', 'open', 'unassigned', 'weu', 'alice@contoso.test'),
  );
const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: leaf() },
    { weight: 1, arbitrary: fc.array(leaf(), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(nastyString, leaf(), { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 40, max: 3_000 }).map((d) => JSON.parse(deep(d, '[', ']')) as unknown),
    },
  );

/** A character PostgreSQL cannot store, put into an otherwise fitting string. */
const poison = fc.constantFrom('\u0000', '\ud800', '\udfff', '\udbff');
const poisoned = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, poison, fc.nat())
    .map(([b, p, at]) => b.slice(0, at % (b.length + 1)) + p + b.slice(at % (b.length + 1)));

/** A value that fits the schema, with strings sometimes poisoned and any value sometimes of the wrong kind. */
function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const fitting = fitSchema(schema ?? {}, depth);
  return fc.oneof({ weight: 6, arbitrary: fitting }, { weight: 1, arbitrary: value() });
}

function fitSchema(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fitSchema(a, depth)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000, noNaN: true });
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(fitSchema(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromSchema(v, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
    case 'string': {
      const fitting =
        schema.format === 'uuid'
          ? realId
          : schema.format === 'email'
            ? fc.constantFrom('alice@contoso.test', 'bob@contoso.test', 'new@contoso.test')
            : fc
                .string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) })
                .map((x) => (x.length >= (schema.minLength ?? 0) ? x : x.padEnd(schema.minLength ?? 0, 'a')));
      return fc.oneof({ weight: 3, arbitrary: fitting }, { weight: 2, arbitrary: poisoned(fitting) });
    }
    default:
      return leaf();
  }
}

function fieldNames(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = Object.keys(schema.properties ?? {});
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(fieldNames);
  return [...new Set([...own, ...alternatives])];
}

/** A JSON object shaped after the operation's body (its field names, values of any type) with extra keys. */
const shapedBody = (fields: string[]) =>
  fc
    .tuple(
      fc.subarray(fields),
      fc.array(value(), { minLength: fields.length, maxLength: fields.length }),
      fc.dictionary(nastyString, value(), { maxKeys: 2 }),
    )
    .map(([chosen, values, extra]) => {
      const body: Record<string, unknown> = { ...extra };
      chosen.forEach((f) => (body[f] = values[fields.indexOf(f)]));
      return JSON.stringify(body);
    });

const RAW_BODIES = [
  '{',
  '{"a":',
  'null',
  '[]',
  '""',
  '0',
  '{"text":"\\u0000"}',
  '{"text":"\\ud800"}',
  '{"\\u0000":1}',
  '{"__proto__":{"isAdmin":true}}',
  deep(100_000, '[', ']'),
  deep(20_000, '{"a":', '}').replace(/}+$/, (m) => '1' + m),
];

/** For a body described only as "an object" (Bot Framework activities): the fields such bodies have. */
const GENERIC_FIELDS = [
  'type',
  'id',
  'text',
  'value',
  'name',
  'serviceUrl',
  'channelId',
  'from',
  'conversation',
  'recipient',
];

type Body = { text: string | Buffer; contentType: string | null };
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/json; charset=utf-16',
];
const body = (fields: string[], schema: JsonSchema | undefined): fc.Arbitrary<Body | null> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: schema ? 8 : 0,
      arbitrary: fc.record({
        text: fromSchema(schema).map((v) => JSON.stringify(v) ?? 'null'),
        contentType: fc.constant('application/json'),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({ text: shapedBody(fields), contentType: fc.constant('application/json') }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        text: fc.oneof(fc.constantFrom(...RAW_BODIES), fc.string({ unit: 'binary', maxLength: 200 })),
        contentType: fc.constantFrom<string | null>(...CONTENT_TYPES, null),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        text: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        contentType: fc.constantFrom<string | null>(...CONTENT_TYPES, null),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        text: fc.constant(
          `--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0000\r\n--fuzz--`,
        ),
        contentType: fc.constant('multipart/form-data; boundary=fuzz'),
      }),
    },
  );

const query = (params: { name: string; schema?: JsonSchema }[]) => {
  const names = params.map((p) => p.name);
  return fc
    .tuple(
      fc.subarray(names),
      fc.tuple(
        ...params.map((p) =>
          fc.oneof(
            { weight: 3, arbitrary: fitSchema(p.schema ?? {}, 0).map((v) => String(v)) },
            { weight: 1, arbitrary: nastyString },
          ),
        ),
      ),
      fc.dictionary(nastyString, nastyString, { maxKeys: 2 }),
      fc.boolean(),
    )
    .map(([chosen, values, extra, raw]) => {
      const pairs: [string, string][] = [
        ...chosen.map((n): [string, string] => [n, values[names.indexOf(n)] ?? '']),
        ...Object.entries(extra),
      ];
      if (pairs.length === 0) return '';
      // Raw: percent signs as typed (broken escapes included); otherwise properly encoded.
      const enc = raw ? (s: string) => s.replace(/[&#= ]/g, '') : pct;
      return '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    });
};

/** Percent-encoding of the UTF-8 bytes (encodeURIComponent throws on a lone surrogate; UTF-8 turns it into U+FFFD). */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

const pathParam = () =>
  fc.oneof(
    { weight: 3, arbitrary: realId },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: nastyString.map((s) => pct(s.slice(0, 2_000))) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4', '%ED%A0%80', '%00', '..', '%2F') },
  );

const auth = fc.oneof(
  { weight: 8, arbitrary: fc.constant('good') },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', 'Bearer \u00ff') },
);

// ---- the calls --------------------------------------------------------------------------------------------------

type Answer = { status: number; text: string };

async function send(
  method: string,
  path: string,
  opts: { authorization?: string | null; body?: Body | null; headers?: Record<string, string> },
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.authorization) headers['authorization'] = opts.authorization;
  if (opts.body?.contentType) headers['content-type'] = opts.body.contentType;
  const res = await fetch(app.url + path, {
    method: method.toUpperCase(),
    headers,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(opts.body && method !== 'get' ? { body: opts.body.text } : {}),
  });
  // An event stream that opened is fine: its status is the answer, the stream is not read.
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '' };
  }
  return { status: res.status, text: (await res.text()).slice(0, 500) };
}

const described = (method: string, path: string, a: Answer) =>
  `${method.toUpperCase()} ${path} → ${a.status} ${a.text}`;

describe('fuzzing every route of the OpenAPI document', timeout(180_000), () => {
  it('finds the routes in the server’s own document', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it('never answers 5xx and never hangs, whatever the path parameters, query, body, content type or token', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = op.parameters.filter((p) => p.in === 'query');
      const jsonSchema = op.requestBody?.content['application/json']?.schema;
      const named = fieldNames(jsonSchema);
      const fields = named.length > 0 ? named : GENERIC_FIELDS;
      await fc
        .assert(
          fc.asyncProperty(
            fc.array(pathParam(), { minLength: pathNames.length, maxLength: pathNames.length }),
            query(queryParams),
            body(fields, named.length > 0 ? jsonSchema : undefined),
            auth,
            async (params, search, b, authorization) => {
              let path = op.path;
              pathNames.forEach((name, i) => (path = path.replace(`{${name}}`, params[i] ?? '')));
              const target = (path + search).slice(0, 300);
              try {
                const answer = await send(op.method, path + search, {
                  authorization: authorization === 'good' ? `Bearer ${token}` : authorization,
                  body: b,
                });
                if (answer.status >= 500) failures.push(described(op.method, target, answer));
              } catch (error) {
                // A timeout (a hang) or a connection the server dropped.
                failures.push(`${op.method.toUpperCase()} ${target} → ${String(error)}`);
              }
            },
          ),
          { seed: SEED, numRuns: RUNS_PER_OPERATION },
        )
        // Failures are collected above (all of them, not only the first); this is the fuzzer itself failing.
        .catch((error: unknown) => failures.push(`${op.method} ${op.path}: ${String(error).slice(0, 500)}`));
    }
    expect(failures).toEqual([]);
  });
});

// ---- the signed webhook -----------------------------------------------------------------------------------------

const messageItem = fc.record({
  from: fc.oneof(
    fc.constant(newPhone().slice(1)),
    fc.constantFrom('999123', '5511987654321', 'US.1'),
    nastyString,
  ),
  id: fc.oneof(fc.constant(null), nastyString),
  timestamp: fc.oneof(fc.constant(epoch(new Date('2026-03-02T09:00:00Z'))), nastyString, fc.integer()),
  type: fc.constantFrom(
    'text',
    'image',
    'button',
    'interactive',
    'reaction',
    'location',
    'unsupported',
    '\u0000',
  ),
  content: value(),
  text: nastyString,
});

const webhookBody = fc
  .record({
    messages: fc.array(messageItem, { maxLength: 4 }),
    profileName: nastyString,
    username: nastyString,
    statuses: fc.array(
      fc.record({
        status: fc.constantFrom('sent', 'delivered', 'read', 'failed', 'played', ''),
        id: nastyString,
      }),
      { maxLength: 3 },
    ),
    extra: fc.dictionary(nastyString, value(), { maxKeys: 2 }),
    template: fc.option(fc.record({ name: nastyString, event: nastyString, language: nastyString })),
    escaped: fc.boolean(),
  })
  .map((r) => {
    const messages = r.messages.map((m, i) => {
      const item: Json = {
        from: m.from,
        id: m.id === null ? wamid() : `${m.id}${i}`,
        timestamp: m.timestamp,
        type: m.type,
      };
      item[m.type] = m.type === 'text' ? { body: m.text } : m.content;
      return item;
    });
    const body = aBody([
      {
        contacts: r.messages.map((m) => ({
          wa_id: m.from,
          profile: { name: r.profileName, username: r.username },
        })),
        messages,
        statuses: r.statuses.map((s) => ({
          id: s.id,
          status: s.status,
          timestamp: epoch(new Date()),
          ...r.extra,
        })),
        ...r.extra,
      },
    ]);
    if (r.template) {
      (body['entry'] as Json[]).push({
        id: '200000000000001',
        changes: [
          {
            field: 'message_template_status_update',
            value: {
              event: r.template.event,
              message_template_id: 1,
              message_template_name: r.template.name,
              message_template_language: r.template.language,
            },
          },
        ],
      });
    }
    return r.escaped ? metaJson(body) : JSON.stringify(body);
  });

async function postSigned(text: string, contentType = 'application/json'): Promise<Answer> {
  const bytes = Buffer.from(text, 'utf8');
  return send('post', '/api/whatsapp/webhook', {
    body: { text: bytes, contentType },
    headers: { 'x-hub-signature-256': signBody(bytes, SANDBOX_APP_SECRET) },
  });
}

describe('fuzzing the signed webhook', timeout(120_000), () => {
  it('acknowledges or refuses every signed body (never 5xx), and applies everything it acknowledged', async () => {
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 8, arbitrary: webhookBody },
            { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
            { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
          ),
          async (text) => {
            try {
              const answer = await postSigned(text);
              if (answer.status >= 500)
                failures.push(`${answer.status} ${answer.text} for ${text.slice(0, 300)}`);
              return answer.status < 500;
            } catch (error) {
              failures.push(`${String(error)} for ${text.slice(0, 300)}`);
              return false;
            }
          },
        ),
        { seed: SEED, numRuns: WEBHOOK_RUNS },
      )
      .catch((error: unknown) => failures.push(`webhook: ${String(error).slice(0, 500)}`));
    expect(failures).toEqual([]);
    await inboxDrained((text) => app.sql(text));
    const failed = await app.sql<{ kind: string; error: string; payload: unknown }>(
      `SELECT kind, error, payload FROM webhook_inbox WHERE error IS NOT NULL AND state <> 'rejected' LIMIT 5`,
    );
    expect(failed).toEqual([]);
  });

  it('refuses signed bytes that are not UTF-8 with 400, and unsigned fuzz with 401', async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const signed = await send('post', '/api/whatsapp/webhook', {
      body: { text: bytes, contentType: 'application/json' },
      headers: { 'x-hub-signature-256': signBody(bytes, SANDBOX_APP_SECRET) },
    });
    expect(signed.status).toBe(400);
    const unsigned = await send('post', '/api/whatsapp/webhook', {
      body: { text: '{"object":"whatsapp_business_account","entry":[]}', contentType: 'text/plain' },
    });
    expect(unsigned.status).toBe(401);
  });
});
