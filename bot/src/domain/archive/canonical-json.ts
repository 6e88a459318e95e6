/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for the values an archive record holds: object keys sorted
 * by UTF-16 code units, no whitespace, strings and numbers as ECMAScript serialises them. The same record always gives
 * the same text, whatever order its keys were built or stored in (PostgreSQL's jsonb reorders them), so it always
 * hashes the same. `undefined` members are left out, as JSON.stringify does; a value JSON cannot carry (a function,
 * NaN, Infinity, a bigint) is refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}
