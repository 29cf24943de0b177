/**
 * Cleanup that runs however a benchmark ends: normal end, error, SIGINT/SIGTERM. Child
 * processes are stopped and temporary folders removed, newest registration first.
 */
import { spawn } from 'node:child_process';

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

/**
 * On SIGINT/SIGTERM: clean up, then exit 130/143. A Ctrl+C reaches every process of the
 * group, and tsx forwards it once more: repeated signals wait for the same cleanup.
 */
export function installSignalCleanup(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (!running) console.error(`\n${signal}: stopping the hub and removing temporary files…`);
      void runCleanup().finally(() => process.exit(code));
    });
  }
}

/**
 * The safety net for when this process cannot clean up itself — SIGKILL, or tsx escalating a
 * Ctrl+C to SIGKILL while a long synchronous SQLite transaction holds the event loop: a
 * small detached watcher that, once this process is gone, kills the hub whose pid is in
 * `pidFile` (if the file still exists) and removes `dir` (unless `keepDir`). It polls twice
 * a second and gives up after 2 hours.
 */
export function startReaper(dir: string, pidFile: string, keepDir: boolean): void {
  const src = `
    const fs = require('node:fs');
    const [watched, dir, pidFile, keep] = process.argv.slice(1);
    const until = Date.now() + 2 * 3600 * 1000;
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (alive(Number(watched)) && Date.now() < until) return;
      clearInterval(timer);
      try { process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGKILL'); } catch {}
      if (keep !== 'keep') setTimeout(() => fs.rmSync(dir, { recursive: true, force: true }), 1000);
    }, 500);`;
  spawn(process.execPath, ['-e', src, String(process.pid), dir, pidFile, keepDir ? 'keep' : ''], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}
