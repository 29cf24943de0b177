/** 1234567 → "1.234.567" (Vietnamese thousands separator): printed slips and the desk alike. */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(amount)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
