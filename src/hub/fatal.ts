/**
 * The hub process's last resort (docs/security.md, "The HTTP edge"). Every request already
 * runs inside its own error boundary; an exception or a rejected promise that still reaches
 * the top means the process is in a state nobody planned for. It must not limp on with half
 * a transaction's worth of memory: log the error and exit non-zero, and let the service
 * manager (resources/service/motcua-hub.service, Restart=always) start a fresh hub. SQLite in
 * WAL mode with synchronous=FULL keeps every committed write across such an exit.
 */
export const FATAL_EXIT_CODE = 70; // EX_SOFTWARE (sysexits.h): an internal software error

export interface FatalDeps {
  log: (message: string, error: unknown) => void;
  exit: (code: number) => void;
}

/** The handler for 'uncaughtException' and 'unhandledRejection': log once, then exit. */
export function fatalHandler(kind: string, deps: FatalDeps): (error: unknown) => void {
  return (error) => {
    try {
      deps.log(`[motcua] ${kind}: the hub stops so that it can be restarted clean`, error);
    } finally {
      deps.exit(FATAL_EXIT_CODE);
    }
  };
}

/** Install both handlers on `proc` (the real `process` in the hub's entry point). */
export function installFatalHandlers(
  proc: Pick<NodeJS.Process, 'on'>,
  deps: FatalDeps = {
    log: (message, error) => console.error(message, error),
    exit: (code) => process.exit(code),
  },
): void {
  proc.on('uncaughtException', fatalHandler('uncaughtException', deps));
  proc.on('unhandledRejection', fatalHandler('unhandledRejection', deps));
}
