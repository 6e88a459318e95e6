import { describe, expect, it } from 'vitest';
import { fileNameOf } from './archive-api.js';

describe('archive api', () => {
  it('takes a downloaded file’s name from Content-Disposition, never a path', () => {
    expect(fileNameOf('attachment; filename="export.zip"')).toBe('export.zip');
    expect(fileNameOf('attachment; filename="a.zip"; filename*=UTF-8\'\'archive%20%C3%A9t%C3%A9.zip')).toBe(
      'archive été.zip',
    );
    expect(fileNameOf('attachment; filename=../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
