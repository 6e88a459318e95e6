import { foldKeyword, type FoldedText } from './fold.js';

/**
 * Whole-word keywords and phrases, ignoring case and accents: "resume" matches "Résumé" but not "resumed"; "project
 * falcon" matches "Project  Falcon" across a double space. A word is a run of Unicode letters and digits (not ASCII
 * `\b`, which would split "Résumé" at its accents); an edge of the keyword that is not a letter or digit ("c++") needs
 * no boundary there. Scripts written without spaces between words (Chinese, Japanese, Thai…) need none either.
 */
export interface KeywordNeedle {
  folded: string;
  boundaryBefore: boolean;
  boundaryAfter: boolean;
}

export interface Span {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]/u;
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1]!;
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function needsBoundary(edge: string): boolean {
  return WORD.test(edge) && !UNSPACED.test(edge);
}

/** A keyword ready to search for, or null when folding leaves nothing of it. */
export function keywordNeedle(keyword: string): KeywordNeedle | null {
  const folded = foldKeyword(keyword);
  if (folded === '') return null;
  return {
    folded,
    boundaryBefore: needsBoundary(codePointAt(folded, 0)),
    boundaryAfter: needsBoundary(codePointBefore(folded, folded.length)),
  };
}

/** Every whole-word occurrence of each needle, at offsets in the original text. */
export function findKeywords(text: FoldedText, needles: readonly KeywordNeedle[]): Span[] {
  const spans: Span[] = [];
  const haystack = text.text;
  for (const needle of needles) {
    const length = needle.folded.length;
    for (let at = haystack.indexOf(needle.folded); at !== -1; at = haystack.indexOf(needle.folded, at + 1)) {
      if (needle.boundaryBefore && WORD.test(codePointBefore(haystack, at))) continue;
      if (needle.boundaryAfter && WORD.test(codePointAt(haystack, at + length))) continue;
      spans.push({ start: text.starts[at]!, end: text.ends[at + length - 1]! });
    }
  }
  return spans;
}
