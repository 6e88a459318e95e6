import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tabSourceStamp } from '../lib/tab-stamp.mjs';

let root: string;
function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tab-stamp-'));
  write('tab/src/main.tsx', 'render()');
  write('tab/src/inbox/inbox.test.tsx', 'it()');
  write('tab/vite.config.ts', 'export default {}');
  write('shared/src/index.ts', 'export {}');
  write('package-lock.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the tab is rebuilt only when what it is built from changed', () => {
  it('keeps the same stamp when nothing changed', () => {
    expect(tabSourceStamp(root)).toBe(tabSourceStamp(root));
  });

  it.each([
    ['a tab source', 'tab/src/main.tsx'],
    ['a shared source', 'shared/src/index.ts'],
    ['the Vite config', 'tab/vite.config.ts'],
    ['the lockfile', 'package-lock.json'],
  ])('changes the stamp when %s changes', (_what, path) => {
    const before = tabSourceStamp(root);
    write(path, 'changed');
    expect(tabSourceStamp(root)).not.toBe(before);
  });

  it('changes the stamp when a source is added or renamed', () => {
    const before = tabSourceStamp(root);
    write('tab/src/new.tsx', 'render()');
    const added = tabSourceStamp(root);
    expect(added).not.toBe(before);
    rmSync(join(root, 'tab/src/new.tsx'));
    write('tab/src/renamed.tsx', 'render()');
    expect(tabSourceStamp(root)).not.toBe(added);
  });

  it('ignores test files, which never reach the bundle', () => {
    const before = tabSourceStamp(root);
    write('tab/src/inbox/inbox.test.tsx', 'it("changed")');
    write('tab/src/test/setup.ts', 'setup()');
    expect(tabSourceStamp(root)).toBe(before);
  });
});
