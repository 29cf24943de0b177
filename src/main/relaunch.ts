/**
 * The desktop app's last resort (docs/security.md, "The desktop app"): an error nothing
 * caught in the main process leaves it in an unknown state, so it must not limp on. It is
 * logged, the app relaunches itself (`app.relaunch()`) and this process exits with code 1.
 *
 * Relaunch loops are bounded: at most MAX_RELAUNCHES relaunches within RELAUNCH_WINDOW_MS.
 * The times of the recent relaunches travel on the relaunched process's command line
 * (`--motcua-relaunches=<ms>,<ms>,…`) — nothing is written to disk while the process is
 * failing (the failure may be a full or broken disk), and starting the app by hand begins a
 * fresh count. When the budget is spent the app logs that and exits without relaunching.
 */
import type { App, WebContents } from 'electron';

export const RELAUNCH_ARG_PREFIX = '--motcua-relaunches=';
export const MAX_RELAUNCHES = 3;
export const RELAUNCH_WINDOW_MS = 5 * 60_000;

/** The relaunch times carried by argv that still fall inside the window. */
export function recentRelaunches(argv: readonly string[], now: number): number[] {
  const value = argv
    .find((a) => a.startsWith(RELAUNCH_ARG_PREFIX))
    ?.slice(RELAUNCH_ARG_PREFIX.length);
  if (!value) return [];
  return value
    .split(',')
    .map(Number)
    .filter((t) => Number.isSafeInteger(t) && t <= now && now - t < RELAUNCH_WINDOW_MS);
}

export interface FatalDeps {
  app: Pick<App, 'relaunch' | 'exit'>;
  /** The process's argv (process.argv): argv[0] is the executable. */
  argv: readonly string[];
  now(): number;
  log(message: string, error: unknown): void;
  /** False while the app is quitting on purpose: then a fatal error only exits. */
  relaunchWanted?(): boolean;
}

export type FatalOutcome = 'relaunched' | 'gave-up';

/** Log, relaunch (within the budget) and exit(1). */
export function handleFatal(what: string, error: unknown, deps: FatalDeps): FatalOutcome {
  if (deps.relaunchWanted && !deps.relaunchWanted()) {
    deps.log(`${what} while quitting: exiting`, error);
    deps.app.exit(1);
    return 'gave-up';
  }
  const now = deps.now();
  const recent = recentRelaunches(deps.argv, now);
  if (recent.length >= MAX_RELAUNCHES) {
    deps.log(
      `${what}: ${recent.length} relaunches within ${RELAUNCH_WINDOW_MS / 60_000} minutes, not relaunching again`,
      error,
    );
    deps.app.exit(1);
    return 'gave-up';
  }
  deps.log(`${what}: relaunching the app`, error);
  const args = deps.argv.slice(1).filter((a) => !a.startsWith(RELAUNCH_ARG_PREFIX));
  deps.app.relaunch({ args: [...args, RELAUNCH_ARG_PREFIX + [...recent, now].join(',')] });
  deps.app.exit(1);
  return 'relaunched';
}

type ProcessLike = Pick<NodeJS.Process, 'on'>;

/**
 * Install the last-resort handlers: an uncaught exception or an unhandled promise rejection
 * in the main process ends it (relaunching within the budget). Only the first fatal error
 * acts; anything after it while exiting is only logged.
 */
export function installFatalHandlers(
  proc: ProcessLike,
  deps: FatalDeps,
): (what: string, error: unknown) => void {
  let handled = false;
  const fatal = (what: string, error: unknown) => {
    if (handled) {
      deps.log(`${what} while exiting`, error);
      return;
    }
    handled = true;
    handleFatal(what, error, deps);
  };
  proc.on('uncaughtException', (error) => fatal('uncaughtException', error));
  proc.on('unhandledRejection', (reason) => fatal('unhandledRejection', reason));
  return fatal;
}

type CrashableWindow = {
  webContents: Pick<WebContents, 'on'>;
};

/**
 * A window whose page process died (crash, out of memory, killed) shows a blank page: reload
 * its home screen. A renderer that keeps dying (more than MAX_RELAUNCHES times within
 * RELAUNCH_WINDOW_MS) is a fatal error of the app (`fatal`, above).
 */
export function reloadOnRendererGone(
  win: CrashableWindow,
  goHome: () => void,
  fatal: (what: string, error: unknown) => void,
  now: () => number = Date.now,
): void {
  let crashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const t = now();
    crashes = [...crashes.filter((c) => t - c < RELAUNCH_WINDOW_MS), t];
    if (crashes.length > MAX_RELAUNCHES) {
      fatal(
        'render-process-gone',
        new Error(`renderer gone ${crashes.length} times: ${details.reason}`),
      );
      return;
    }
    goHome();
  });
}
