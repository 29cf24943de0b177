/**
 * Cleanup that runs however a benchmark ends: normal end, error, SIGINT/SIGTERM. Child
 * processes are stopped and temporary folders removed, newest registration first.
 */
type Task = () => unknown;

const tasks: Task[] = [];
let running: Promise<void> | null = null;

/** Register a cleanup task; the returned function unregisters it (after doing it yourself). */
export function onCleanup(task: Task): () => void {
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}

export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (tasks.length) {
      const task = tasks.pop() as Task;
      try {
        await task();
      } catch (e) {
        console.error('cleanup:', e);
      }
    }
  })();
  return running;
}

/** On SIGINT/SIGTERM: clean up, then exit 130/143. */
export function installSignalCleanup(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the hub and removing temporary files…`);
      void runCleanup().finally(() => process.exit(code));
    });
  }
}
