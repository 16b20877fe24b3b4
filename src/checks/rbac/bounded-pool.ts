/** Why items were not started: the time bound passed or the run was aborted. */
export interface PoolOutcome<T> {
  notRun: T[];
  stoppedBy?: 'deadline' | 'aborted';
}

/**
 * Run `work` over items with at most `concurrency` in flight. No new item starts after the
 * deadline or once `signal` aborts; items already in flight finish (so their cleanup runs).
 * The first error thrown by `work` is rethrown once every in-flight item has settled.
 */
export async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  deadline: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
): Promise<PoolOutcome<T>> {
  let next = 0;
  let stoppedBy: PoolOutcome<T>['stoppedBy'];
  let failure: { error: unknown } | undefined;
  const notRun: T[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      if (failure) continue;
      if (signal.aborted || Date.now() >= deadline) {
        stoppedBy ??= signal.aborted ? 'aborted' : 'deadline';
        notRun.push(item);
        continue;
      }
      try {
        await work(item);
      } catch (error) {
        // Stop starting new items, but let the others in flight finish (and clean up) first.
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
  return { notRun, stoppedBy };
}
