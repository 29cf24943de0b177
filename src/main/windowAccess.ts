/**
 * What each window of the desktop app may show and call (docs/security.md, "The desktop app").
 * Pure: the main process (IPC handlers, navigation guards) and the preload (which functions
 * the bridge exposes) both read these tables, so the two can never disagree.
 *
 * The kiosk and the lobby board are public windows: a citizen stands in front of them. They
 * may only show the public screens and call the public operations of the contract; the desk
 * window (an officer's own machine) may show and call everything its sign-in allows.
 */
import { operationList, type OpName } from '../shared/contract';

/** The windows a machine can open; which ones is configuration (--windows / MOTCUA_WINDOWS). */
export type WindowKind = 'desk' | 'kiosk' | 'display';
export const WINDOW_KINDS: readonly WindowKind[] = ['desk', 'kiosk', 'display'];

/** Windows a citizen stands in front of. */
export const PUBLIC_WINDOWS: ReadonlySet<WindowKind> = new Set<WindowKind>(['kiosk', 'display']);

/**
 * The browser session (storage) of the public windows, apart from the desk's: the desk keeps
 * the officer's sign-in token in its page's localStorage, which a kiosk or board page of the
 * same origin would otherwise share.
 */
export const PUBLIC_PARTITION = 'persist:motcua-public';

/** The only screens a public window may show (README "Screens and shortcuts"). */
export const PUBLIC_SCREEN_PATHS: readonly string[] = ['/kiosk', '/rate', '/display'];

/**
 * Public operations a public window still may not call: the first admin account is created at
 * the desk (docs/security.md, "Setup, sign-in and passwords"), never from a kiosk.
 */
export const PUBLIC_WINDOW_EXCLUDED_OPERATIONS: ReadonlySet<string> = new Set([
  'setup.createAdmin',
]);

const allOperations = operationList.map((op) => op.name as OpName);
const publicOperations = operationList
  .filter((op) => op.role === 'public' && !PUBLIC_WINDOW_EXCLUDED_OPERATIONS.has(op.name))
  .map((op) => op.name as OpName);

/** The contract operations a window may call (and its preload exposes). */
export function operationsForWindow(kind: WindowKind): readonly OpName[] {
  return PUBLIC_WINDOWS.has(kind) ? publicOperations : allOperations;
}

const allowedSets = new Map<WindowKind, ReadonlySet<string>>(
  WINDOW_KINDS.map((kind) => [kind, new Set<string>(operationsForWindow(kind))]),
);

export function windowMayCall(kind: WindowKind, operation: string): boolean {
  return allowedSets.get(kind)?.has(operation) ?? false;
}

/**
 * The flag given to each window's renderer (webPreferences.additionalArguments) so that its
 * preload knows which window it serves. A preload that finds no valid flag acts as a public
 * window (least privilege).
 */
export const WINDOW_ARG_PREFIX = '--motcua-window=';

export function windowArgument(kind: WindowKind): string {
  return WINDOW_ARG_PREFIX + kind;
}

export function windowKindFromArgv(argv: readonly string[]): WindowKind | null {
  const value = argv.find((a) => a.startsWith(WINDOW_ARG_PREFIX))?.slice(WINDOW_ARG_PREFIX.length);
  return WINDOW_KINDS.find((k) => k === value) ?? null;
}

/**
 * The screen path of a renderer URL: the path over HTTP (`http://…/kiosk?x` → `/kiosk`), the
 * hash for the built file (`file:///…/index.html#/kiosk?x` → `/kiosk`); null if unparsable.
 */
export function screenPathOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'file:') {
    const hash = parsed.hash.replace(/^#/, '');
    return (hash.split(/[?#]/)[0] ?? '') || '/';
  }
  return parsed.pathname || '/';
}

/**
 * Whether a window may show this URL's screen. Public windows: only /kiosk, /rate, /display
 * (and their sub-paths, with any query). Whether the URL is our own page at all is checked
 * separately (isOwnUrl in window.ts).
 */
export function windowMayShow(kind: WindowKind, url: string): boolean {
  if (!PUBLIC_WINDOWS.has(kind)) return true;
  const screen = screenPathOf(url);
  if (screen === null) return false;
  return PUBLIC_SCREEN_PATHS.some((p) => screen === p || screen.startsWith(`${p}/`));
}

/** Which window each webContents belongs to (by its id), forgotten when it is destroyed. */
export class WindowRegistry {
  private readonly kinds = new Map<number, WindowKind>();

  register(
    contents: { id: number; once(event: 'destroyed', listener: () => void): unknown },
    kind: WindowKind,
  ): void {
    const id = contents.id;
    this.kinds.set(id, kind);
    contents.once('destroyed', () => this.kinds.delete(id));
  }

  /** The kind of a registered window's webContents; undefined for anything else. */
  kindOf(contents: { id: number } | null | undefined): WindowKind | undefined {
    return contents ? this.kinds.get(contents.id) : undefined;
  }
}
