import { describe, expect, it } from 'vitest';
import { foldText } from './fold.js';
import { findKeywords, keywordNeedle, keywordVocabulary, type KeywordNeedle } from './keywords.js';

function found(text: string, ...keywords: string[]): string[] {
  const needles = keywords.map(keywordNeedle).filter((n): n is KeywordNeedle => n !== null);
  return findKeywords({ folded: foldText(text), vocabulary: keywordVocabulary(needles) }, needles).map((s) =>
    text.slice(s.start, s.end),
  );
}

describe('keywords', () => {
  it('match ignoring case and accents, both ways', () => {
    expect(found('Send me your Résumé', 'resume')).toEqual(['Résumé']);
    expect(found('send me your RESUME', 'résumé')).toEqual(['RESUME']);
    expect(found('Die Straße', 'strasse')).toEqual(['Straße']);
  });

  it('map back to the original offsets when accents are combining marks', () => {
    const decomposed = 'Re\u0301sume\u0301 attached';
    expect(found(decomposed, 'resume')).toEqual(['Re\u0301sume\u0301']);
    expect(found(`😀 ${decomposed}`, 'résumé')).toEqual(['Re\u0301sume\u0301']);
  });

  it('match whole words only, with Unicode letters as word characters', () => {
    expect(found('resumed, presume, résumés', 'resume')).toEqual([]);
    // ASCII \b would see a boundary before "é" and take "caf" out of "café".
    expect(found('un café', 'caf')).toEqual([]);
    expect(found('Привет, мир', 'мир')).toEqual(['мир']);
    expect(found('мирный договор, Ελλάδα', 'мир', 'ελλα')).toEqual([]);
    expect(found('2024falcon falcon2 falcon', 'falcon')).toEqual(['falcon']);
  });

  it('match a phrase across any run of white space', () => {
    expect(found('about Project\n  Falcon today', 'project falcon')).toEqual(['Project\n  Falcon']);
    expect(found('project eagle, project falconry', 'project falcon')).toEqual([]);
  });

  it('need no boundary at an edge that is not a letter or digit', () => {
    expect(found('we use C++ daily', 'c++')).toEqual(['C++']);
    expect(found('price: $$$!', '$$$')).toEqual(['$$$']);
  });

  it('need no boundary in scripts written without spaces', () => {
    expect(found('这是机密文件', '机密')).toEqual(['机密']);
  });

  it('find every occurrence of every keyword', () => {
    expect(found('Falcon, eagle and falcon', 'falcon', 'eagle')).toEqual(['Falcon', 'falcon', 'eagle']);
  });
});
