import fs from 'node:fs';
import path from 'node:path';

/**
 * A marker file written after the database was checkpointed and closed cleanly, and removed
 * when it is opened again. Missing at start means the last run did not end cleanly (crash,
 * SIGKILL, power cut) or this is the first start: only then is the full startup check worth
 * its cost — on a five-year database it reads gigabytes before the hub can answer.
 */
const MARKER = 'motcua.clean-shutdown';

/** Whether the previous run ended cleanly; removes the marker (this run has begun). */
export function consumeCleanShutdownMarker(dataDir: string): boolean {
  const file = path.join(dataDir, MARKER);
  try {
    fs.unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}

export function writeCleanShutdownMarker(dataDir: string, at: Date): void {
  fs.writeFileSync(path.join(dataDir, MARKER), `${at.toISOString()}\n`);
}
