/**
 * A fresh fake network printer for each test of a file (src/core/printing/fakePrinter.ts):
 * started before each test, closed after it together with every hub the test started.
 */
import { afterEach, beforeEach } from 'vitest';
import { startFakePrinter, type FakePrinter } from '../../src/core/printing';
import { cleanupHubs } from './hub';

/** Call at a test file's top level; the returned printer is the current test's. */
export function fakePrinterPerTest(): FakePrinter {
  let current: FakePrinter | null = null;
  const now = (): FakePrinter => {
    if (!current) throw new Error('the fake printer exists only inside a test');
    return current;
  };
  beforeEach(async () => {
    current = await startFakePrinter();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
    await cleanupHubs();
  });
  return {
    get uri() {
      return now().uri;
    },
    get port() {
      return now().port;
    },
    jobs: () => now().jobs(),
    waitForJobs: (n, timeoutMs) => now().waitForJobs(n, timeoutMs),
    setBehaviour: (b) => now().setBehaviour(b),
    close: () => now().close(),
  };
}
