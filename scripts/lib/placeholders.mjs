// Fills Agents Toolkit placeholders (`${{NAME}}`) in a parsed manifest template.
// Working on parsed JSON rather than text means a value holding `"` or `\` can never break the JSON.

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * A variable counts as set when it is non-empty. Names ending in _SUFFIX may be set to "" on purpose
 * (APP_NAME_SUFFIX is empty in production), but must still be declared.
 * @param {string} name
 * @param {Record<string, string | undefined>} values
 */
function lookup(name, values) {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value === '' && !name.endsWith('_SUFFIX')) return undefined;
  return value;
}

/**
 * @param {unknown} template  parsed JSON
 * @param {Record<string, string | undefined>} values
 * @returns {{ result: unknown, missing: string[] }} missing: variable names without a value, in order of first use
 */
export function fillPlaceholders(template, values) {
  /** @type {Set<string>} */
  const missing = new Set();
  /** @param {unknown} node @returns {unknown} */
  const walk = (node) => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name) => {
        const value = lookup(name, values);
        if (value === undefined) {
          missing.add(name);
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    }
    return node;
  };
  return { result: walk(template), missing: [...missing] };
}

/**
 * The placeholder names used at a JSON pointer of the template, so an error can say where a bad value came from.
 * @param {unknown} template
 * @param {string} pointer e.g. /bots/0/botId
 * @returns {string[]}
 */
export function placeholdersAt(template, pointer) {
  /** @type {unknown} */
  let node = template;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node && typeof node === 'object' && key in node) {
      node = /** @type {Record<string, unknown>} */ (node)[key];
    } else {
      return [];
    }
  }
  if (typeof node !== 'string') return [];
  return [...node.matchAll(PLACEHOLDER)].map((m) => /** @type {string} */ (m[1]));
}
