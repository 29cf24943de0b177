import { describe, expect, it } from 'vitest';
import { FATAL_EXIT_CODE, fatalHandler, installFatalHandlers } from '../../../src/hub/fatal';

/** Fakes for the log and process.exit: they record what the handler did. */
function fakes() {
  const logged: { message: string; error: unknown }[] = [];
  const exits: number[] = [];
  return {
    logged,
    exits,
    deps: {
      log: (message: string, error: unknown) => logged.push({ message, error }),
      exit: (code: number) => exits.push(code),
    },
  };
}

describe('the hub’s last-resort handlers', () => {
  it('log the error with its kind, then exit non-zero', () => {
    const f = fakes();
    const boom = new Error('boom');
    fatalHandler('uncaughtException', f.deps)(boom);
    expect(f.logged).toEqual([
      { message: expect.stringContaining('uncaughtException'), error: boom },
    ]);
    expect(f.exits).toEqual([FATAL_EXIT_CODE]);
    expect(FATAL_EXIT_CODE).not.toBe(0);
  });

  it('exit even when logging itself fails', () => {
    const exits: number[] = [];
    const handler = fatalHandler('unhandledRejection', {
      log: () => {
        throw new Error('stderr closed');
      },
      exit: (code) => exits.push(code),
    });
    expect(() => handler('reason')).toThrow('stderr closed');
    expect(exits).toEqual([FATAL_EXIT_CODE]);
  });

  it('are installed for uncaughtException and unhandledRejection', () => {
    // Before, the hub had none: an exception that escaped a request ended it with no log line
    // from the hub, and a rejected promise was only a warning on older Node versions.
    const f = fakes();
    const listeners = new Map<string, (e: unknown) => void>();
    const proc = {
      on(event: string, listener: (e: unknown) => void) {
        listeners.set(event, listener);
        return proc;
      },
    } as unknown as Pick<NodeJS.Process, 'on'>;
    installFatalHandlers(proc, f.deps);
    expect([...listeners.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection']);
    listeners.get('unhandledRejection')?.(new Error('lost promise'));
    expect(f.exits).toEqual([FATAL_EXIT_CODE]);
    expect(f.logged[0]?.message).toContain('unhandledRejection');
  });
});
