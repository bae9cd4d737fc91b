/**
 * Runs tasks one at a time per key, in the order they arrive, and forgets a key as soon as
 * its last task ends (so ten thousand idle conversations hold nothing here).
 *
 * Turns of one conversation that reach the same instance queue here instead of racing each
 * other through storage; only turns on different instances can still conflict, and those
 * are caught by the versioned write.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
