import { createHash } from 'node:crypto';

/** What Prisma stores in `_prisma_migrations.checksum`: sha256 of the file's bytes, in hex. */
export function migrationChecksum(script: Buffer | string): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether `script` is the one a recorded checksum was taken of. Like Prisma's schema engine
 * (`checksum.rs`), line endings do not count: git may check a file out with CRLF on Windows.
 */
export function checksumMatches(script: Buffer, recorded: string): boolean {
  if (migrationChecksum(script) === recorded) return true;
  const text = script.toString('utf8');
  return (
    migrationChecksum(text.replaceAll('\r\n', '\n')) === recorded ||
    migrationChecksum(text.replaceAll('\n', '\r\n')) === recorded
  );
}
