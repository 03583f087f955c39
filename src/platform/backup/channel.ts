/**
 * A bounded hand-over from a writer to a reader in the same process (a move streams the source's backup
 * lines straight into the target): the writer waits while the reader is `capacity` lines behind.
 */
export function channel<T>(capacity = 64) {
  const items: T[] = [];
  let done = false;
  let failure: unknown = null;
  let wakeReader: (() => void) | null = null;
  let wakeWriter: (() => void) | null = null;
  const wake = () => {
    wakeReader?.();
    wakeReader = null;
  };
  return {
    async push(item: T): Promise<void> {
      if (failure) throw failure;
      items.push(item);
      wake();
      while (items.length >= capacity && !failure) await new Promise<void>((r) => (wakeWriter = r));
      if (failure) throw failure;
    },
    close(): void {
      done = true;
      wake();
    },
    /** Stops both sides: the writer's next push and the reader's next read throw `error`. */
    fail(error: unknown): void {
      failure = error;
      wake();
      wakeWriter?.();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      for (;;) {
        if (failure) throw failure;
        if (items.length) {
          yield items.shift()!;
          wakeWriter?.();
          wakeWriter = null;
          continue;
        }
        if (done) return;
        await new Promise<void>((r) => (wakeReader = r));
      }
    },
  };
}
