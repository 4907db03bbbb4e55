import fs from 'node:fs/promises';
import path from 'node:path';

/** Who must pass: a user id (none for a user not created yet) and the groups it belongs to. */
export interface Account {
  uid: number | undefined;
  gids: readonly number[];
}

export interface BlockedDirectory {
  dir: string;
  /** Permission bits, e.g. 0o700. */
  mode: number;
}

/**
 * The first directory on the way from `/` to `target` (itself included) that `account` may not
 * enter, judged by the permission bits as the kernel applies them: the owner's bits for the
 * owner, else the group's for a member, else the others'. Only the part of `target` that exists
 * is checked, through its real path. ACLs are not read; a directory they open is reported as
 * blocked, which errs on the side of a message over a crash.
 */
export async function blockedDirectory(target: string, account: Account): Promise<BlockedDirectory | undefined> {
  const real = await fs.realpath(await deepestExisting(path.resolve(target)));
  const { root } = path.parse(real);
  const parts = real.slice(root.length).split(path.sep).filter(Boolean);
  let dir = root;
  for (const part of ['', ...parts]) {
    dir = path.join(dir, part);
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) return undefined;
    const mode = stat.mode & 0o777;
    if ((mode & searchBit(stat, account)) === 0) return { dir, mode };
  }
  return undefined;
}

function searchBit(stat: { uid: number; gid: number }, account: Account): number {
  if (account.uid === stat.uid) return 0o100;
  if (account.gids.includes(stat.gid)) return 0o010;
  return 0o001;
}

async function deepestExisting(file: string): Promise<string> {
  for (let current = file; ; current = path.dirname(current)) {
    const found = await fs.stat(current).then(
      () => true,
      () => false,
    );
    if (found || current === path.dirname(current)) return current;
  }
}
