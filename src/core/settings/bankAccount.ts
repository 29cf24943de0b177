import { z } from 'zod';
import { Banks } from 'vietnam-qr-pay';
import { AppError, bankAccountSchema, type BankAccount } from '../../shared/contract';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from './settingsRepo';

/** Settings key of the office's bank account (docs/desk.md, "Fees and VietQR"). */
export const BANK_ACCOUNT_KEY = 'bankAccount';

const storedSchema = z.object({ account: bankAccountSchema.nullable() }).strict();

/** vietnam-qr-pay's banks, less the one it marks as outside VietQR (status -1). */
const VIETQR_BANKS = Banks.filter((b) => b.vietQRStatus >= 0);

/** The banks VietQR knows, for the admin's choice. */
export function vietQrBanks(): Array<{ bin: string; shortName: string; name: string }> {
  return VIETQR_BANKS.map((b) => ({ bin: b.bin, shortName: b.shortName, name: b.name })).sort(
    (a, b) => a.shortName.localeCompare(b.shortName, 'vi'),
  );
}

export function readBankAccount(db: Db): BankAccount | null {
  return readSetting(db, BANK_ACCOUNT_KEY, storedSchema)?.account ?? null;
}

/** A BIN outside the list answers 422 and writes nothing. */
export function saveBankAccount(db: Db, account: BankAccount | null, at: Date): BankAccount | null {
  if (account && !VIETQR_BANKS.some((b) => b.bin === account.bankBin)) {
    throw new AppError('UNPROCESSABLE', {
      messageKey: 'desk.bank.unknownBank',
      details: { bankBin: account.bankBin },
    });
  }
  return writeSetting(db, BANK_ACCOUNT_KEY, storedSchema, { account }, at).account;
}
