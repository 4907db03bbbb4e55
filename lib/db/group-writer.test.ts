import { describe, expect, it } from 'vitest';
import { GroupWriter } from './group-writer';

/** A writeBatch whose statements finish only when the test says so; it records every batch. */
function heldWrites(fail: (item: string) => boolean = () => false) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const writeBatch = (items: string[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => (items.some(fail) ? reject(new Error(`refused ${items.join(',')}`)) : resolve(items.map((item) => `stored ${item}`))));
    });
  };
  /** Finishes the oldest statement in flight, then lets the writer start its next one. */
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, writeBatch, finishNext };
}

describe('GroupWriter', () => {
  it('writes a row that arrives alone at once, and the rows that arrive meanwhile together in the next statement', async () => {
    const held = heldWrites();
    const writer = new GroupWriter(held.writeBatch, { maxBatch: 10, maxWaiting: 100 });
    const first = writer.write('a');
    expect(held.batches).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((item) => writer.write(item));
    expect(held.batches).toHaveLength(1);
    await held.finishNext();
    expect(held.batches).toEqual([['a'], ['b', 'c', 'd']]);
    await held.finishNext();
    expect(await first).toBe('stored a');
    expect(await Promise.all(rest)).toEqual(['stored b', 'stored c', 'stored d']);
    // Idle again: the next row goes at once.
    const later = writer.write('e');
    expect(held.batches).toHaveLength(3);
    await held.finishNext();
    expect(await later).toBe('stored e');
  });

  it('puts at most maxBatch rows in one statement', async () => {
    const held = heldWrites();
    const writer = new GroupWriter(held.writeBatch, { maxBatch: 2, maxWaiting: 100 });
    const written = ['a', 'b', 'c', 'd'].map((item) => writer.write(item));
    for (let i = 0; i < 3; i++) await held.finishNext();
    expect(held.batches).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(await Promise.all(written)).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
  });

  it('retries each row of a failed statement on its own, so one bad row fails only its own write', async () => {
    const held = heldWrites((item) => item === 'bad');
    const writer = new GroupWriter(held.writeBatch, { maxBatch: 10, maxWaiting: 100 });
    const first = writer.write('a');
    const rest = ['b', 'bad', 'd'].map((item) => writer.write(item).catch((error: unknown) => (error as Error).message));
    for (let i = 0; i < 5; i++) await held.finishNext();
    expect(held.batches).toEqual([['a'], ['b', 'bad', 'd'], ['b'], ['bad'], ['d']]);
    expect(await first).toBe('stored a');
    expect(await Promise.all(rest)).toEqual(['stored b', 'refused bad', 'stored d']);
  });

  it('refuses a write at once when maxWaiting rows already wait, and takes writes again once they are written', async () => {
    const held = heldWrites();
    const writer = new GroupWriter(held.writeBatch, { maxBatch: 10, maxWaiting: 2 });
    const written = ['a', 'b', 'c'].map((item) => writer.write(item));
    await expect(writer.write('d')).rejects.toThrow('2 writes are already waiting for the database');
    await held.finishNext();
    await held.finishNext();
    expect(await Promise.all(written)).toEqual(['stored a', 'stored b', 'stored c']);
    const again = writer.write('e');
    await held.finishNext();
    expect(await again).toBe('stored e');
  });

  it('fails every write of a statement that answers the wrong number of results', async () => {
    const writer = new GroupWriter((items: string[]) => Promise.resolve(items.slice(1)), { maxBatch: 10, maxWaiting: 100 });
    await expect(writer.write('a')).rejects.toThrow('a batch of 1 writes answered 0 results');
  });
});
