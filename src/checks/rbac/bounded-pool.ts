/** Why items were not started: the time bound passed or the run was aborted. */
export interface PoolOutcome<T> {
  notRun: T[];
  stoppedBy?: 'deadline' | 'aborted';
}

/**
 * Run `work` over items with at most `concurrency` in flight. No new item starts after the
 * deadline or once `signal` aborts; items already in flight finish (so their cleanup runs).
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
  const notRun: T[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      if (signal.aborted || Date.now() >= deadline) {
        stoppedBy ??= signal.aborted ? 'aborted' : 'deadline';
        notRun.push(item);
        continue;
      }
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { notRun, stoppedBy };
}
