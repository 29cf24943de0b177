import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The one-time setup code (docs/security.md, "Setup, sign-in and passwords").
 *
 * While no administrator exists, whoever reaches `/setup` over the network must prove they
 * can read the hub's terminal or its data folder: the code is printed on the hub's terminal
 * (by the CLI, straight to stdout — never through a logger) and written to
 * `<data-dir>/setup-code.txt` (mode 0600). It is forgotten, and the file removed, as soon as
 * an administrator exists.
 */
export const SETUP_CODE_FILE = 'setup-code.txt';

/** No 0/O, 1/I/L: easy to read from a terminal and to type. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 12; // 31^12 ≈ 2^59

function generate(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return code;
}

/** "ABCD-EFGH-JKMN" for display; typed codes may omit or add dashes, spaces and case. */
export function formatSetupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

function canonical(typed: string): string {
  return typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

export type SetupCodeStore = ReturnType<typeof createSetupCodeStore>;

export function createSetupCodeStore(dataDir: string) {
  const file = path.join(dataDir, SETUP_CODE_FILE);
  let code: string | null = null;

  return {
    file,
    /** A new code, replacing any previous one; written to setup-code.txt with mode 0600. */
    issue(): string {
      code = generate();
      fs.rmSync(file, { force: true });
      // 'wx' (O_EXCL) never follows a symlink planted at that name; mode 0600 on creation.
      fs.writeFileSync(file, `${formatSetupCode(code)}\n`, { mode: 0o600, flag: 'wx' });
      return code;
    },
    /** The pending code (for the terminal), or null once an administrator exists. */
    current(): string | null {
      return code;
    },
    /** Constant-time comparison of a typed code with the pending one. */
    matches(typed: string | undefined): boolean {
      if (code === null || typed === undefined) return false;
      return crypto.timingSafeEqual(digest(canonical(typed)), digest(code));
    },
    /** Forget the code and remove its file (used, or an administrator exists). */
    clear(): void {
      code = null;
      fs.rmSync(file, { force: true });
    },
  };
}
