/**
 * The BUILT app as real child processes, for the crash tests: the hub (`out/main/hub.js`) and
 * the maintenance CLI (`out/main/motcua.js`). Every child spawned here is tracked: call
 * `killChildren()` in afterEach and `cleanupProcesses()` in afterAll (it also removes the
 * folders made by `tempDir()`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { hubCliArgs } from './hubCli';

export { freePort } from './hubCli';

export const ROOT = path.resolve(__dirname, '../..');
export const HUB_JS = path.join(ROOT, 'out/main/hub.js');
export const CLI_JS = path.join(ROOT, 'out/main/motcua.js');
const READY = /(?:hub đang chạy|Province service listening): (http:\/\/127\.0\.0\.1:\d+)/;

const children = new Set<ChildProcess>();
const dirs: string[] = [];

/** Build the app (electron-vite) when one of `files` is missing; they must exist afterwards. */
export function buildIfMissing(files: string[]): void {
  if (!files.every((f) => fs.existsSync(f))) {
    execFileSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  for (const f of files) expect(fs.existsSync(f)).toBe(true);
}

/** A fresh folder under the OS temp dir, removed by `cleanupProcesses()`. */
export function tempDir(prefix = 'motcua-crash-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** `node <args>` from the repo root, stdout/stderr piped, without a first-run admin password. */
export function spawnNode(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTCUA_ADMIN_PASSWORD: '' },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The built hub with demo data on 127.0.0.1 (port 0 = an ephemeral one). */
export function spawnHub(dataDir: string, port = 0): ChildProcess {
  return spawnNode([...hubCliArgs(HUB_JS, dataDir, port), '--demo']);
}

/** Resolve with the hub's URL once it prints its ready line; reject if it exits first. */
export function waitReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onExit = (code: number | null) =>
      reject(new Error(`hub exited (${code}) before ready:\n${out}\n${err}`));
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = READY.exec(out);
      if (m) {
        child.off('exit', onExit);
        resolve(m[1] as string);
      }
    });
    child.once('exit', onExit);
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Wait for the process to exit, failing if it takes longer than `ms`. */
export function waitExit(child: ChildProcess, ms = 10_000): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process did not exit within ${ms} ms`)), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** SIGKILL the process (if still running) and wait until it is gone. */
export async function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await waitExit(child);
}

/** SIGKILL every child still running (afterEach). */
export async function killChildren(): Promise<void> {
  for (const child of [...children]) await kill(child).catch(() => undefined);
}

/** SIGKILL what is left and remove the temp folders (afterAll). */
export function cleanupProcesses(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Send writes from `workers` parallel loops until `target` are acknowledged, then SIGKILL
 * `child` with requests still on the wire. `send(worker)` resolves with what the hub
 * acknowledged, or throws for any other answer: before the kill that fails the test, after
 * it the hub died under the request (never acknowledged) and that loop ends.
 */
export async function writeUntilKilled<T>(
  child: ChildProcess,
  options: { workers: number; target: number },
  send: (worker: number) => Promise<T>,
): Promise<{ acknowledged: T[]; inFlightAtKill: number }> {
  const acknowledged: T[] = [];
  let killed = false;
  let inFlight = 0;
  let inFlightAtKill = -1;
  const loop = async (worker: number): Promise<void> => {
    while (!killed) {
      inFlight += 1;
      try {
        acknowledged.push(await send(worker));
      } catch (e) {
        if (!killed) throw e;
        return;
      } finally {
        inFlight -= 1;
      }
      if (!killed && acknowledged.length >= options.target) {
        killed = true;
        inFlightAtKill = inFlight;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, w) => loop(w)));
  return { acknowledged, inFlightAtKill };
}
