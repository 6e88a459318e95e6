import { RE2JS, RE2JSSyntaxException, RE2Set } from 're2js';
import type { Span } from './keywords.js';
import { DLP_LIMITS } from './rules.js';

/**
 * An admin's regular expression runs on RE2 (re2js, a pure-JavaScript port): matching takes time proportional to the
 * text, whatever the pattern, so `(a+)+$` on 50,000 characters cannot hang the server as it would with `RegExp`.
 * The price is RE2's syntax: no look-arounds and no back-references. A pattern is case-sensitive unless it asks
 * otherwise (`(?i)`).
 */
export type CompiledPattern = { ok: true; regex: RE2JS } | { ok: false; message: string };

function describeSyntaxError(error: RE2JSSyntaxException): string {
  const what = error.error ?? 'invalid syntax';
  const where = error.input ? ` at “${error.input}”` : '';
  const unsupported = /unsupported|escape sequence|named capture/.test(what)
    ? ' Look-arounds and back-references are not available, since patterns run in linear time.'
    : '';
  return `The pattern can't be compiled: ${what}${where}.${unsupported}`;
}

/** Whether the pattern matches an empty stretch of text: of the empty text, or between characters of a probe. */
function matchesNothing(regex: RE2JS): boolean {
  if (regex.test('')) return true;
  const matcher = regex.matcher('Ab 1,\n-z');
  while (matcher.find()) if (matcher.end() === matcher.start()) return true;
  return false;
}

export function compilePattern(pattern: string): CompiledPattern {
  if (pattern.trim() === '') return { ok: false, message: 'A regular-expression rule needs a pattern.' };
  if (pattern.length > DLP_LIMITS.patternLength)
    return {
      ok: false,
      message: `The pattern is ${pattern.length} characters long; at most ${DLP_LIMITS.patternLength} are allowed.`,
    };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) return { ok: false, message: describeSyntaxError(error) };
    return { ok: false, message: "The pattern can't be compiled." };
  }
  if (regex.programSize() > DLP_LIMITS.patternProgramSize)
    return {
      ok: false,
      message: `The pattern is too complex (${regex.programSize()} steps once compiled, at most ${DLP_LIMITS.patternProgramSize}): use fewer or smaller repetitions.`,
    };
  if (matchesNothing(regex))
    return {
      ok: false,
      message:
        'The pattern can match an empty text (between two characters), so it would match every message.',
    };
  return { ok: true, regex };
}

/**
 * Every non-empty match, left to right, without overlaps (RE2's leftmost-first semantics). Finding where a match is
 * costs far more than knowing whether one is left (RE2's DFA), so after each match the rest of the text is asked
 * first: the search stops there instead of reading to the end. The rest is read with the character before it, which
 * `\b` and `^` look at, so no match is missed.
 */
export function findPattern(regex: RE2JS, text: string): Span[] {
  const spans: Span[] = [];
  const matcher = regex.matcher(text);
  let from = 0;
  while (matcher.find(from)) {
    const start = matcher.start();
    const end = matcher.end();
    if (end > start) spans.push({ start, end });
    from = end > start ? end : end + 1;
    if (from > text.length || !regex.test(text.slice(from - 1))) break;
  }
  return spans;
}

/**
 * One pass over the text that tells which of several patterns match at all (RE2's multi-pattern set), so that only
 * those are run again to find where. When the set can't be built or outgrows its memory, each pattern is asked.
 */
export interface PatternSet {
  matching(text: string): Set<number>;
}

export function patternSet(regexes: readonly RE2JS[]): PatternSet {
  let set: RE2Set | null = regexes.length < 2 ? null : new RE2Set(RE2Set.UNANCHORED);
  try {
    for (const regex of regexes) set?.add(regex.pattern());
    set?.compile();
  } catch {
    set = null;
  }
  const built = set;
  const each = (text: string) => new Set(regexes.flatMap((regex, i) => (regex.test(text) ? [i] : [])));
  return {
    matching(text) {
      if (built) {
        try {
          return new Set(built.match(text));
        } catch {
          // the set's automaton outgrew its memory: ask each pattern instead
        }
      }
      return each(text);
    },
  };
}
