/**
 * The preload bridge with a faked `electron` module: exactly one function per contract
 * operation the window may call plus onEvent, each invoking its own channel, and never
 * ipcRenderer itself. The desk window's preload (`--motcua-window=desk`) gets every
 * operation; the kiosk's, the board's, and a preload without a valid flag only the public ones.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contract, IPC_EVENT_CHANNEL, operationNames } from '../../../src/shared/contract';

type Handler = (event: unknown, payload: unknown) => void;

const fakes = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipcRenderer = {
    invoke: vi.fn((channel: string, payload: unknown) => Promise.resolve({ channel, payload })),
    on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
    }),
    removeListener: vi.fn(
      (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.get(channel)?.delete(listener);
      },
    ),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.set(key, api);
    }),
  };
  return { exposed, listeners, ipcRenderer, contextBridge };
});

vi.mock('electron', () => ({
  contextBridge: fakes.contextBridge,
  ipcRenderer: fakes.ipcRenderer,
}));

interface ExposedBridge {
  ops: Record<string, (payload: unknown) => Promise<unknown>>;
  onEvent(listener: (event: unknown) => void): () => void;
}

let bridge: ExposedBridge;

/** Load the preload afresh as the renderer of a window started with `args`. */
async function loadPreload(args: string[]): Promise<ExposedBridge> {
  const argv = process.argv;
  vi.resetModules();
  fakes.exposed.clear();
  fakes.contextBridge.exposeInMainWorld.mockClear();
  process.argv = [...argv, ...args];
  try {
    await import('../../../src/preload/index');
  } finally {
    process.argv = argv;
  }
  return fakes.exposed.get('motcua') as ExposedBridge;
}

beforeAll(async () => {
  bridge = await loadPreload(['--motcua-window=desk']);
});

/** Every value reachable from `root` (own properties, depth-first). */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof root !== 'object' && typeof root !== 'function') || root === null) return seen;
  if (seen.has(root)) return seen;
  seen.add(root);
  for (const key of Reflect.ownKeys(root)) {
    const desc = Object.getOwnPropertyDescriptor(root, key);
    if (desc && 'value' in desc) reachable(desc.value, seen);
  }
  return seen;
}

describe('preload bridge of the desk window', () => {
  it('exposes exactly one object, window.motcua, with ops and onEvent', () => {
    expect(fakes.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fakes.exposed.keys()]).toEqual(['motcua']);
    expect(Object.keys(bridge).sort()).toEqual(['onEvent', 'ops']);
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('has exactly one function per contract operation, frozen', () => {
    expect(Object.keys(bridge.ops).sort()).toEqual([...operationNames].sort());
    for (const name of operationNames) expect(typeof bridge.ops[name]).toBe('function');
    expect(Object.isFrozen(bridge.ops)).toBe(true);
  });

  it("ops['system.health'] invokes channel motcua:system.health with the payload", async () => {
    fakes.ipcRenderer.invoke.mockClear();
    const payload = { input: {}, token: null, lang: 'vi' };
    const health = bridge.ops['system.health'];
    expect(health).toBeDefined();
    const result = await health?.(payload);
    expect(fakes.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(fakes.ipcRenderer.invoke).toHaveBeenCalledWith('motcua:system.health', payload);
    expect(result).toEqual({ channel: 'motcua:system.health', payload });
    await bridge.ops['auth.login']?.({});
    expect(fakes.ipcRenderer.invoke).toHaveBeenLastCalledWith('motcua:auth.login', {});
  });

  it('onEvent delivers only the event (not the IPC event object) and unsubscribes', () => {
    const received: unknown[] = [];
    const off = bridge.onEvent((e) => received.push(e));
    const set = fakes.listeners.get(IPC_EVENT_CHANNEL);
    expect(set?.size).toBe(1);
    const ipcEvent = { sender: fakes.ipcRenderer, senderId: 0 };
    const appEvent = { type: 'site.changed', at: '2026-03-02T01:00:00.000Z' };
    for (const l of set ?? []) (l as Handler)(ipcEvent, appEvent);
    expect(received).toEqual([appEvent]);
    off();
    expect(fakes.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('never exposes ipcRenderer or any of its functions', () => {
    const everything = reachable(bridge);
    expect(everything.has(fakes.ipcRenderer)).toBe(false);
    for (const fn of Object.values(fakes.ipcRenderer)) expect(everything.has(fn)).toBe(false);
    for (const call of fakes.contextBridge.exposeInMainWorld.mock.calls) {
      expect(call[1]).not.toBe(fakes.ipcRenderer);
    }
  });
});

describe('preload bridge of a public window', () => {
  const publicOps = operationNames
    .filter((n) => contract[n].role === 'public' && n !== 'setup.createAdmin')
    .sort();

  it.each([
    ['kiosk', ['--motcua-window=kiosk']],
    ['display', ['--motcua-window=display']],
    ['no flag', []],
    ['an unknown flag', ['--motcua-window=admin']],
  ])('%s: only the public operations (not setup.createAdmin)', async (_label, args) => {
    // Old behaviour: every window's preload exposed every operation of the contract.
    const b = await loadPreload(args);
    expect(Object.keys(b.ops).sort()).toEqual(publicOps);
    expect(b.ops['users.list']).toBeUndefined();
    expect(b.ops['dossiers.search']).toBeUndefined();
    expect(b.ops['setup.createAdmin']).toBeUndefined();
    expect(Object.isFrozen(b.ops)).toBe(true);
  });
});
