import fs from 'node:fs';
import path from 'node:path';
import { addDays, vnDate, type VnDate } from '../../shared/time/vnTime';
import type { Clock } from '../clock';

/** Log files kept: today's and the 29 before it (docs/security.md, "Field logs"). */
export const LOG_RETENTION_DAYS = 30;

const FILE_RE = /^motcua-(\d{4}-\d{2}-\d{2})\.log$/;

/** `motcua-2026-12-06.log`: one file per Vietnamese calendar day. */
export const logFileName = (day: VnDate): string => `motcua-${day}.log`;

/**
 * The field logs' destination: JSON lines appended to `<dir>/motcua-YYYY-MM-DD.log`, a new
 * file at each Vietnamese midnight, files older than LOG_RETENTION_DAYS removed whenever a
 * day's file is opened — at every start too, since commune offices switch their machines off
 * at night and a roll made only by a timer at midnight would never come. Folder 0700, files
 * 0600 (they describe who did what, when). Writes are synchronous: the line of an error just
 * before the process exits is on disk.
 *
 * A write that fails (disk full, folder removed) is dropped and counted: logging never takes
 * the hub down.
 */
export class DailyFileStream {
  private fd: number | null = null;
  private day: VnDate | null = null;
  private closed = false;
  /** Lines lost to write errors since the start. */
  dropped = 0;

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // an existing folder too
    this.open(clock.now());
  }

  /** The file written now. */
  get file(): string | null {
    return this.day === null ? null : path.join(this.dir, logFileName(this.day));
  }

  write(line: string): void {
    if (this.closed) return;
    try {
      const now = this.clock.now();
      const fd = this.fd !== null && vnDate(now) === this.day ? this.fd : this.open(now);
      fs.writeSync(fd, line);
    } catch {
      this.dropped++;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeFd();
  }

  private open(now: Date): number {
    this.closeFd();
    const day = vnDate(now);
    const fd = fs.openSync(path.join(this.dir, logFileName(day)), 'a', 0o600);
    this.fd = fd;
    this.day = day;
    fs.fchmodSync(fd, 0o600); // a file left by an older version or under another umask
    this.prune(day);
    return fd;
  }

  /** Remove the day files older than the retention (other files in the folder are left). */
  private prune(today: VnDate): void {
    const oldestKept = addDays(today, -(LOG_RETENTION_DAYS - 1));
    for (const name of fs.readdirSync(this.dir)) {
      const day = FILE_RE.exec(name)?.[1];
      if (day !== undefined && day < oldestKept) {
        fs.rmSync(path.join(this.dir, name), { force: true });
      }
    }
  }

  private closeFd(): void {
    if (this.fd === null) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already gone */
    }
    this.fd = null;
  }
}
