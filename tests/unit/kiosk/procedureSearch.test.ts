/**
 * The kiosk's procedure search (src/shared/kiosk/procedureSearch.ts) over the default
 * catalogue: any words of the name or the documents, folded, in any order.
 * Old behaviour: one folded run of `code name field`, so "giay khai sinh" (a document word
 * and the name) and "khai sinh dang ky" (another order) found nothing.
 */
import { describe, expect, it } from 'vitest';
import catalog from '../../../resources/catalog/default-procedures.json';
import { DEMO_SERVICES } from '../../../src/core/queue/demoServices';
import { procedureMatches } from '../../../src/shared/kiosk/procedureSearch';
import { resultService, serviceForProcedure } from '../../../src/shared/kiosk/whereToGo';

interface Entry {
  nationalCode: string;
  queueService?: string;
  name: string;
  field: string;
  requiredDocuments: { name: string }[];
}
const procedures = (catalog.procedures as Entry[]).map((p) => ({
  code: p.nationalCode,
  name: p.name,
  field: p.field,
  documents: p.requiredDocuments,
}));
const found = (q: string) => procedures.filter((p) => procedureMatches(q, p)).map((p) => p.name);

describe('kiosk procedure search', () => {
  it('finds by words of the name and of the documents, without accents, in any order', () => {
    expect(found('giay khai sinh')).toContain('Đăng ký khai sinh');
    expect(found('khai sinh dang ky')).toContain('Đăng ký khai sinh');
    expect(found('chung thuc')).toEqual(
      expect.arrayContaining([
        'Chứng thực chữ ký trong các giấy tờ, văn bản',
        expect.stringMatching(/^Chứng thực bản sao/),
      ]),
    );
    expect(found('CHỨNG THỰC chữ ký')).toContain('Chứng thực chữ ký trong các giấy tờ, văn bản');
    expect(found('tam tru')).toContain('Đăng ký tạm trú');
    expect(found('thuong tru')).toContain('Đăng ký thường trú');
    expect(found('thuong tru')).not.toContain('Đăng ký khai sinh');
  });

  it('land and construction: "xay dung" and "dat" find the commune procedures (folded)', () => {
    expect(found('xay dung')).toContain('Cấp giấy phép xây dựng đối với nhà ở riêng lẻ');
    expect(found('giay phep xay dung nha o')).toContain(
      'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
    );
    expect(found('dat')).toContain('Hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã');
    expect(found('tranh chap dat dai')).toEqual([
      'Hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã',
    ]);
    expect(found('xay dung')).not.toContain('Đăng ký khai sinh');
  });

  it('the land and construction entries cite their legal basis and mark what is unconfirmed', () => {
    const entries = (
      catalog.procedures as Array<Entry & { legalBasis: string[]; processingTime: unknown }>
    ).filter((p) => p.queueService === 'dat-dai-xay-dung');
    expect(entries.map((p) => p.name).sort()).toEqual([
      'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      'Hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã',
    ]);
    const permit = entries.find((p) => p.field === 'Xây dựng');
    expect(permit?.legalBasis.join(' ')).toMatch(/Điều 102/);
    expect(permit?.processingTime).toMatchObject({ amount: 15, unit: 'day' });
    const mediation = entries.find((p) => p.field === 'Đất đai');
    expect(mediation?.legalBasis.join(' ')).toMatch(
      /Điều 235 .*31\/2024\/QH15|31\/2024\/QH15.*Điều 235/,
    );
    expect(mediation?.processingTime).toMatchObject({ amount: 30, unit: 'day' });
    // The national codes could not be checked here: each entry says so.
    for (const p of entries) expect(p.legalBasis.join(' ')).toContain('CHƯA XÁC NHẬN');
  });

  it('every word must match the start of a word; nothing typed finds nothing', () => {
    expect(found('')).toEqual([]);
    expect(found('   ')).toEqual([]);
    expect(found('khai sinh xyz')).toEqual([]);
    expect(found('ai sinh')).toEqual([]); // "ai" is inside "khai", not the start of a word
  });
});

describe('demo queue services', () => {
  // Old demo: "Đất đai – Xây dựng" had no procedure of the catalogue behind it (and then the
  // demo replaced it by "Cư trú"); now it is the third service, with land and construction
  // procedures behind it.
  it('the third demo service is "Đất đai – Xây dựng"', () => {
    expect(DEMO_SERVICES[2]).toMatchObject({ prefix: 'C', name: 'Đất đai – Xây dựng' });
  });
  it('every demo service but "Nhận kết quả" has procedures of the bundled catalogue', () => {
    const services = DEMO_SERVICES.map((s) => ({ id: s.code, code: s.code, name: s.name }));
    const result = resultService(services);
    for (const s of services.filter((x) => x !== result)) {
      const behind = (catalog.procedures as Entry[]).filter(
        (p) =>
          serviceForProcedure({ field: p.field, queueService: p.queueService }, services)?.id ===
          s.id,
      );
      expect(behind.length, s.name).toBeGreaterThan(0);
    }
  });
});
