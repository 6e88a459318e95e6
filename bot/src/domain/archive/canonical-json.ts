/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for the values an archive record holds: object keys sorted
 * by UTF-16 code units, no whitespace, strings and numbers as ECMAScript serialises them. The same record always gives
 * the same text, whatever order its keys were built or stored in (PostgreSQL's jsonb reorders them), so it always
 * hashes the same. `undefined` members are left out, as JSON.stringify does; a value JSON cannot carry (a function,
 * NaN, Infinity, a bigint) is refused rather than silently changed. `omitKey` leaves one top-level member out (the
 * chain hashes a record without its `content`) without copying the record.
 *
 * Written as one loop per object with no intermediate arrays of entries: verify canonicalises every record it reads.
 */
export function canonicalJson(value: unknown, omitKey?: string): string {
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
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item: unknown = value[i];
          out += item === undefined ? 'null' : canonicalJson(item);
        }
        return `${out}]`;
      }
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = object[key];
        if (member === undefined || key === omitKey) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}
