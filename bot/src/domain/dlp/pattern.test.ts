import { describe, expect, it } from 'vitest';
import { compilePattern, findPattern, patternSet } from './pattern.js';

function compiled(pattern: string) {
  const result = compilePattern(pattern);
  if (!result.ok) throw new Error(result.message);
  return result.regex;
}

const found = (pattern: string, text: string) =>
  findPattern(compiled(pattern), text).map((s) => text.slice(s.start, s.end));

describe('admin regular expressions', () => {
  it('find every match, left to right', () => {
    expect(found('EMP-\\d{6}', 'EMP-123456 and EMP-654321, not EMP-12')).toEqual([
      'EMP-123456',
      'EMP-654321',
    ]);
  });

  it('see the whole text around each match, so word boundaries and line starts hold after the first match', () => {
    expect(found('\\bcat\\b', 'cat concat cat, bobcat cat')).toEqual(['cat', 'cat', 'cat']);
    expect(found('(?m)^id:\\d+', 'id:1 id:2\nid:3')).toEqual(['id:1', 'id:3']);
    expect(found('\\Bcat', 'xcatcat')).toEqual(['cat', 'cat']);
  });

  it('are case-sensitive unless the pattern asks otherwise', () => {
    expect(found('secret', 'Secret secret')).toEqual(['secret']);
    expect(found('(?i)secret', 'Secret secret')).toEqual(['Secret', 'secret']);
  });

  it('report UTF-16 offsets, as JavaScript strings count', () => {
    const text = '😀 EMP-123456';
    expect(findPattern(compiled('EMP-\\d+'), text)).toEqual([{ start: 3, end: 13 }]);
  });

  it('run in linear time: a catastrophic pattern on 50,000 characters finishes with the right answer', () => {
    const text = `${'a'.repeat(50_000)}b`;
    expect(found('(a+)+$', text)).toEqual([]);
    expect(found('(a|aa)+c', text)).toEqual([]);
    expect(found('(a+)+b', text)).toEqual([text]);
    expect(found('(\\w{1,5}){20}!', text)).toEqual([]);
    expect(found('(\\w{1,5}){20}b', text)).toEqual([text.slice(-101)]);
  });

  it('in a set, report which of several patterns match', () => {
    const set = patternSet([
      compiled('EMP-\\d{6}'),
      compiled('(?i)confidential'),
      compiled('\\bACC\\d{4}\\b'),
    ]);
    expect([...set.matching('Confidential: ACC1234')].sort()).toEqual([1, 2]);
    expect([...set.matching('nothing here')]).toEqual([]);
    expect([...patternSet([compiled('x\\d')]).matching('a x1')]).toEqual([0]);
  });
});
