import { expect, test } from 'vitest';
import { checksumMatches, migrationChecksum } from './migration-checksum';

// `printf 'SELECT 1;\n' | sha256sum`
const SELECT_ONE = 'b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd';

test('is the sha256 of the file bytes, in hex, as Prisma records it', () => {
  expect(migrationChecksum(Buffer.from('SELECT 1;\n'))).toBe(SELECT_ONE);
});

test('matches the same script with other line endings, and nothing else', () => {
  expect(checksumMatches(Buffer.from('SELECT 1;\n'), SELECT_ONE)).toBe(true);
  expect(checksumMatches(Buffer.from('SELECT 1;\r\n'), SELECT_ONE)).toBe(true);
  expect(checksumMatches(Buffer.from('SELECT 2;\n'), SELECT_ONE)).toBe(false);
  expect(checksumMatches(Buffer.from('SELECT 1;\r\n'), migrationChecksum('SELECT 1;\n'.replaceAll('\n', '\r\n')))).toBe(
    true,
  );
  expect(checksumMatches(Buffer.from('SELECT 1;\n'), migrationChecksum('SELECT 1;\r\n'))).toBe(true);
});
