import 'server-only';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { normalizePassword } from './password-rules';

/**
 * scrypt from node:crypto: memory-hard, so guessing on GPUs or ASICs costs memory as well as time,
 * and it needs no native package. OWASP's Password Storage Cheat Sheet, for scrypt where Argon2id
 * is not used, names a CPU/memory cost of 2^17, a block size of 8 and parallelism 1 as its
 * minimum: 128 MiB and, on this project's 2-core machine, about half a second per hash. Each hash
 * holds its memory only while it runs, on one of libuv's 4 threads, so at most 512 MiB at once
 * per instance.
 */
const PARAMETERS = { ln: 17, r: 8, p: 1 } as const;
/** 128 bits of salt, as OWASP and NIST ask: no two accounts share a hash, precomputed tables are useless. */
const SALT_BYTES = 16;
const KEY_BYTES = 32;

interface Parameters {
  ln: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, keyBytes: number, { ln, r, p }: Parameters): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes plus a little; Node refuses anything over 32 MiB unless told.
  const maxmem = 2 * 128 * N * r;
  return new Promise((resolve, reject) => {
    scrypt(normalizePassword(password), salt, keyBytes, { N, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Stored as `scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64url): the parameters travel with each
 * hash, so raising them later leaves every existing hash verifiable.
 */
function format({ ln, r, p }: Parameters, salt: Buffer, hash: Buffer): string {
  return `scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

const STORED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/;

/** A new hash of `password` (normalised first, as the rules measure it) with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return format(PARAMETERS, salt, await derive(password, salt, KEY_BYTES, PARAMETERS));
}

/** Whether `password` is the one `stored` was made from; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) throw new Error('verifyPassword: the stored hash is not in the scrypt$… format');
  const [, ln, r, p, salt = '', hash = ''] = match;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, { ln: Number(ln), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/**
 * Stands in for the hash of an account that does not exist or has no password: same parameters
 * and sizes as a real one, so checking against it costs the same, and no password derives all zeros.
 */
const NO_HASH = format(PARAMETERS, Buffer.alloc(SALT_BYTES), Buffer.alloc(KEY_BYTES));

/**
 * Checks `password` against the account's hash, or, when there is none, does the same work
 * against a hash nothing matches: a refusal takes as long whether or not the username exists.
 */
export async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  const matches = await verifyPassword(password, stored ?? NO_HASH);
  return matches && stored !== null;
}
