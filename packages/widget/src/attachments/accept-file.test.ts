import { describe, expect, it } from 'vitest';
import { checkFile, DEFAULT_ACCEPT, formatSize } from './accept-file.js';

describe('checkFile', () => {
  const file = (name: string, type: string, size = 10) => ({ name, type, size });
  it('accepts by extension, exact type or wildcard', () => {
    expect(checkFile(file('Report.PDF', ''), DEFAULT_ACCEPT, 100)).toBeNull();
    expect(checkFile(file('a.bin', 'text/plain'), 'text/plain', 100)).toBeNull();
    expect(checkFile(file('a.bin', 'image/png'), 'image/*', 100)).toBeNull();
  });
  it('refuses other types and files over the limit', () => {
    expect(checkFile(file('run.exe', 'application/x-msdownload'), DEFAULT_ACCEPT, 100)).toBe('type');
    expect(checkFile(file('big.txt', 'text/plain', 101), DEFAULT_ACCEPT, 100)).toBe('size');
  });
  it('formats sizes', () => {
    expect([formatSize(512), formatSize(3500), formatSize(20 * 1024 * 1024)]).toEqual(['512 B', '3.4 KB', '20 MB']);
  });
});
