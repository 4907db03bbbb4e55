import 'server-only';

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for writes nobody waits on (they run after the response, with `after()`): a write
 * that arrives while another is in flight joins the next batch, so under load many rows cost one
 * statement, and a write that arrives alone goes at once. Nothing waits on a timer, so a
 * serverless instance is kept alive only while its own row is being written. What waits here is
 * a few milliseconds of rows for this instance's own connection, never state another instance
 * needs.
 */
export class GroupWriter<Item, Result> {
  private readonly waiting: Waiting<Item, Result>[] = [];
  private flushing = false;

  /**
   * `writeBatch` writes the items in one statement and answers one result per item, in order.
   * `maxBatch` bounds one statement; past `maxWaiting` rows waiting, a write is refused at once,
   * so a database that stalls cannot grow the server's memory.
   */
  constructor(
    private readonly writeBatch: (items: Item[]) => Promise<Result[]>,
    private readonly limits: { maxBatch: number; maxWaiting: number },
  ) {}

  write(item: Item): Promise<Result> {
    if (this.waiting.length >= this.limits.maxWaiting) {
      return Promise.reject(new Error(`${this.limits.maxWaiting} writes are already waiting for the database`));
    }
    const written = new Promise<Result>((resolve, reject) => this.waiting.push({ item, resolve, reject }));
    if (!this.flushing) void this.flush();
    return written;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.limits.maxBatch);
      const written = await this.writeBatch(batch.map((w) => w.item)).then(
        (results) => ({ results }),
        (error: unknown) => ({ error }),
      );
      if ('results' in written) settle(batch, written.results);
      else if (batch.length === 1) batch[0]?.reject(written.error);
      // One bad row must not lose the others: each is tried again on its own.
      else for (const waiting of batch) await this.writeBatch([waiting.item]).then((results) => settle([waiting], results), waiting.reject);
    }
    this.flushing = false;
  }
}

/** Hands each waiting write its result; a batch answered with the wrong count fails every write in it. */
function settle<Item, Result>(batch: Waiting<Item, Result>[], results: Result[]): void {
  if (results.length !== batch.length) {
    const error = new Error(`a batch of ${batch.length} writes answered ${results.length} results`);
    for (const waiting of batch) waiting.reject(error);
    return;
  }
  batch.forEach((waiting, i) => waiting.resolve(results[i] as Result));
}
