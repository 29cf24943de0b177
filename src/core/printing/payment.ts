/**
 * The fee block of the receipt and the return slip (docs/desk.md, "Fees and VietQR"): the
 * amount, the amount in words (n2words, vi-VN) and, when the office has set its bank account,
 * a VietQR payment code built by vietnam-qr-pay (NAPAS VietQR: bank BIN, account, amount,
 * the dossier code as the transfer's memo).
 */
import { toCardinal } from 'n2words/vi-VN';
import { QRPay } from 'vietnam-qr-pay';
import { z } from 'zod';
import { PAYMENT_METHODS } from '../../shared/contract/dossiers';
import type { BankAccount } from '../../shared/contract';
import { b, type Block } from './document';
import { formatMoney } from './layouts/common';
import { labelsVi } from './layouts/labels.vi';

export const PaymentInfoSchema = z.object({
  amountVnd: z.number().int().positive(),
  /** "Hai mươi nghìn đồng". */
  words: z.string().min(1).max(300),
  /** Recorded payment: how, and the officer who collected it (absent: due, not yet paid). */
  paid: z
    .object({ method: z.enum(PAYMENT_METHODS).nullable(), collectorName: z.string().max(120) })
    .optional(),
  /** VietQR payload (null: no bank account set, or already paid). */
  vietQr: z.string().max(512).nullable(),
});
export type PaymentInfo = z.output<typeof PaymentInfoSchema>;

/** 20000 → "Hai mươi nghìn đồng". */
export function amountInWords(amountVnd: number): string {
  const words = toCardinal(amountVnd);
  return `${words.charAt(0).toLocaleUpperCase('vi')}${words.slice(1)} đồng`;
}

/** The VietQR payment code of an amount, the memo naming the dossier (≤ 25 characters). */
export function vietQrPayload(account: BankAccount, amountVnd: number, memo: string): string {
  return QRPay.initVietQR({
    bankBin: account.bankBin,
    bankNumber: account.accountNumber,
    amount: String(amountVnd),
    purpose: memo.slice(0, 25),
  }).build();
}

/**
 * The block for `amountVnd` (null or 0: nothing to print). Only a fee still due gets the
 * payment code (when the bank account is set); a recorded payment prints how it was paid.
 */
export function paymentInfo(
  amountVnd: number | null,
  memo: string,
  account: BankAccount | null,
  paid?: PaymentInfo['paid'],
): PaymentInfo | null {
  if (amountVnd === null || amountVnd <= 0) return null;
  return {
    amountVnd,
    words: amountInWords(amountVnd),
    ...(paid ? { paid } : {}),
    vietQr: account && !paid ? vietQrPayload(account, amountVnd, memo) : null,
  };
}

/** The thermal slip's fee lines: amount, in words, who collected it, the VietQR code. */
export function paymentBlocks(p: PaymentInfo): Block[] {
  const l = labelsVi.payment;
  const blocks: Block[] = [
    b.text(`${p.paid ? l.paid : l.due}: ${formatMoney(p.amountVnd)} ${l.currency}`, { bold: true }),
    b.text(`${l.inWords}: ${p.words}`),
  ];
  if (p.paid) {
    const method = p.paid.method ? labelsVi.fee.methods[p.paid.method] : '—';
    blocks.push(b.text(`${l.method}: ${method}; ${l.collector}: ${p.paid.collectorName}`));
  }
  if (p.vietQr) blocks.push(b.qr(p.vietQr, 4), b.center(l.scan));
  return blocks;
}
