/**
 * Deterministic pseudo-random numbers and generated Vietnamese data for the benchmarks
 * (names with diacritics, addresses, ID numbers, phones). The same seed gives the same data.
 */

/** mulberry32: small, fast, and its low bits do not repeat like a plain LCG's. */
export function createRng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  /** Exponentially distributed with the given mean. */
  exp(mean: number): number;
}

export function createRandom(seed: number): Random {
  const next = createRng(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)] as T,
    exp: (mean: number) => -Math.log(1 - next()) * mean,
  };
}

// Family names weighted roughly like the population (Nguyễn ≈ 38 %).
export const HO: readonly string[] = [
  ...Array<string>(12).fill('Nguyễn'),
  ...Array<string>(4).fill('Trần'),
  ...Array<string>(3).fill('Lê'),
  ...Array<string>(2).fill('Phạm'),
  ...Array<string>(2).fill('Hoàng'),
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trịnh',
  'Lương',
  'Mai',
  'Tạ',
  'Đoàn',
  'Cao',
  'Lâm',
];
export const DEM_NAM: readonly string[] = [
  'Văn',
  'Hữu',
  'Đức',
  'Minh',
  'Quang',
  'Công',
  'Xuân',
  'Thành',
  'Đình',
  'Tiến',
];
export const DEM_NU: readonly string[] = [
  'Thị',
  'Ngọc',
  'Thu',
  'Hồng',
  'Thanh',
  'Kim',
  'Phương',
  'Mỹ',
  'Diệu',
  'Bích',
];
export const TEN_NAM: readonly string[] = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đức',
  'Giang',
  'Hải',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Tuấn',
  'Vinh',
  'Thắng',
  'Trọng',
  'Việt',
  'Hiếu',
  'Lộc',
  'Đạt',
];
export const TEN_NU: readonly string[] = [
  'Anh',
  'Ánh',
  'Hà',
  'Hạnh',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Nhung',
  'Thảo',
  'Trang',
  'Yến',
  'Đào',
  'Hằng',
  'Huyền',
  'Loan',
  'Ngọc',
  'Oanh',
  'Quyên',
  'Thủy',
  'Tuyết',
  'Vân',
  'Xuân',
];
export const THON: readonly string[] = [
  'Thôn Phú Thọ',
  'Thôn Đông',
  'Thôn Tây',
  'Xóm Mới',
  'Thôn Trung',
  'Thôn Hạ',
  'Thôn Thượng',
  'Xóm Chợ',
  'Thôn Bắc Sơn',
  'Thôn Đồng Tâm',
];

/** A full Vietnamese name: family, one or two middle names, given name. */
export function vietnameseName(r: Random): string {
  const female = r.next() < 0.5;
  const dem = female ? DEM_NU : DEM_NAM;
  const ten = female ? TEN_NU : TEN_NAM;
  const middle = r.next() < 0.3 ? `${r.pick(dem)} ${r.pick(dem)}` : r.pick(dem);
  return `${r.pick(HO)} ${middle} ${r.pick(ten)}`;
}

export const address = (r: Random): string => `${r.pick(THON)}, xã Quảng Phú, tỉnh Thanh Hóa`;

/** A 12-digit CCCD number: province 038 (Thanh Hóa), sex/century digit, birth year, serial. */
export const idNumber = (r: Random): string =>
  `038${r.int(4)}${String(40 + r.int(66)).padStart(2, '0')}${String(r.int(1_000_000)).padStart(6, '0')}`;

export const phone = (r: Random): string =>
  `0${r.pick(['9', '8', '3', '7'])}${String(r.int(100_000_000)).padStart(8, '0')}`;
