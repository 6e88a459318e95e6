/**
 * Characters PostgreSQL cannot store: NUL (U+0000) in `text` or `jsonb`, and lone UTF-16 surrogates (a high surrogate
 * not followed by a low one, or a low one not preceded by a high one), which `jsonb` refuses and UTF-8 cannot encode.
 * Input from people (the API) with them is refused; input from WhatsApp is kept with each replaced by U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_ALL = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What replaces each unsafe character in text Bridgeline keeps. */
export const REPLACEMENT_CHARACTER = '\ufffd';

/** JSON nested deeper than this is not something a person or Meta sends (Meta's webhooks are ~8 levels deep). */
export const MAX_JSON_DEPTH = 32;

export function hasUnsafeText(s: string): boolean {
  return UNSAFE.test(s);
}

/** The text with every NUL and lone surrogate replaced by U+FFFD. */
export function safeText(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, REPLACEMENT_CHARACTER) : s;
}

export type JsonProblem = { path: string; problem: 'unsafe_text' | 'too_deep' };

/**
 * The first place in a parsed JSON value (keys included) that has an unsafe character or lies deeper than `maxDepth`,
 * or null. Iterative, so no nesting depth can overflow the stack.
 */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  if (!jsonNeedsCare(value, maxDepth)) return null;
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSAFE.test(v)) return { path: path || 'body', problem: 'unsafe_text' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) return { path: path || 'body', problem: 'too_deep' };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key;
      if (UNSAFE.test(key)) return { path: at, problem: 'unsafe_text' };
      stack.push({ v: child, path: at, depth: depth + 1 });
    }
  }
  return null;
}

/** Whether a parsed JSON value has an unsafe character or nesting beyond `maxDepth` (the fast check, no paths). */
export function jsonNeedsCare(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v === 'string') {
      if (UNSAFE.test(v)) return true;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) return true;
    if (Array.isArray(v)) {
      for (const x of v) {
        values.push(x);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in v) {
      if (UNSAFE.test(key)) return true;
      values.push((v as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return false;
}

/**
 * A parsed JSON value PostgreSQL can store: unsafe characters in strings and keys replaced by U+FFFD, and whatever
 * lies deeper than `maxDepth` replaced by null. Answers the value itself (no copy) when nothing needed changing.
 */
export function safeJson<T>(value: T, maxDepth = MAX_JSON_DEPTH): T {
  return jsonNeedsCare(value, maxDepth) ? (rebuild(value, 0, maxDepth) as T) : value;
}

function rebuild(v: unknown, depth: number, maxDepth: number): unknown {
  if (typeof v === 'string') return safeText(v);
  if (typeof v !== 'object' || v === null) return v;
  if (depth >= maxDepth) return null;
  if (Array.isArray(v)) return v.map((x) => rebuild(x, depth + 1, maxDepth));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(v))
    // defineProperty: a "__proto__" key stays a plain key, as JSON.parse made it.
    Object.defineProperty(out, safeText(key), {
      value: rebuild(child, depth + 1, maxDepth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
