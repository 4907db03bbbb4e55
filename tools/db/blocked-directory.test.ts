import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { blockedDirectory, type Account } from './blocked-directory';

/** `<tmp>/outer/inner`, with `outer` at `mode`; removed after the test. */
async function tree(mode: number): Promise<{ outer: string; inner: string; owner: Account; group: Account }> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'blocked-'));
  onTestFinished(() => rm(base, { recursive: true, force: true }));
  await chmod(base, 0o755);
  const outer = path.join(base, 'outer');
  const inner = path.join(outer, 'inner');
  await mkdir(inner, { recursive: true });
  await chmod(outer, mode);
  const { uid, gid } = await stat(outer);
  return { outer, inner, owner: { uid, gids: [] }, group: { uid: uid + 1, gids: [gid] } };
}

/** Another user, in none of the directories' groups, as a `postgres` user is. */
const stranger: Account = { uid: 4_000_000, gids: [4_000_000] };

test('names the first directory another user cannot enter, with its mode', async () => {
  const { outer, inner } = await tree(0o700);
  expect(await blockedDirectory(inner, stranger)).toEqual({ dir: outer, mode: 0o700 });
});

test('lets through a directory open to others', async () => {
  const { inner } = await tree(0o711);
  expect(await blockedDirectory(inner, stranger)).toBeUndefined();
});

test("applies the owner's bits to the owner and the group's to members, as the kernel does", async () => {
  const { inner, owner, group } = await tree(0o710);
  expect(await blockedDirectory(inner, owner)).toBeUndefined();
  expect(await blockedDirectory(inner, group)).toBeUndefined();
  expect(await blockedDirectory(inner, stranger)).toMatchObject({ mode: 0o710 });

  // Others may enter, but the owner's own bits forbid it: the owner is refused.
  const closedToOwner = await tree(0o011);
  expect(await blockedDirectory(closedToOwner.inner, closedToOwner.owner)).toMatchObject({ dir: closedToOwner.outer });
  expect(await blockedDirectory(closedToOwner.inner, stranger)).toBeUndefined();
});

test('checks the part of a path that exists yet, and an account with no user id as any other', async () => {
  const { outer, inner } = await tree(0o700);
  expect(await blockedDirectory(path.join(inner, 'not', 'made', 'yet'), { uid: undefined, gids: [] })).toEqual({ dir: outer, mode: 0o700 });
});
