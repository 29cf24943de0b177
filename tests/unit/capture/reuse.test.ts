import { describe, expect, it } from 'vitest';
import { offersFor, sameDocumentName } from '../../../src/renderer/desk/capture/reuse';

const offer = (documentName: string, createdAt: string, dossierCode = 'A') => ({
  fileId: '01JEXAMPLE0000000000000000',
  documentName,
  dossierCode,
  createdAt,
});

describe('reuse offers at reception', () => {
  it('names match ignoring case, spacing and Unicode form, nothing else', () => {
    expect(sameDocumentName('Giấy chứng sinh', '  giấy   CHỨNG sinh ')).toBe(true);
    // "ấ" precomposed vs "a" + circumflex + acute (NFD).
    expect(sameDocumentName('Giấy chứng sinh', 'Giấy chứng sinh'.normalize('NFD'))).toBe(true);
    expect(sameDocumentName('Giấy chứng sinh', 'Giấy chứng tử')).toBe(false);
    expect(sameDocumentName('Tờ khai', 'Tờ khai đăng ký khai sinh')).toBe(false);
  });

  it('each checklist name gets the newest earlier copy, names without one get none', () => {
    const offers = offersFor(
      ['Giấy chứng sinh', 'Tờ khai', 'Văn bản ủy quyền'],
      [
        offer('Giấy chứng sinh', '2026-01-02T03:00:00.000Z', 'OLD'),
        offer('giấy chứng sinh', '2026-05-02T03:00:00.000Z', 'NEW'),
        offer('Tờ khai', '2026-02-02T03:00:00.000Z', 'TK'),
        offer('Sổ hộ khẩu', '2026-06-02T03:00:00.000Z', 'X'),
      ],
    );
    expect([...offers.keys()]).toEqual(['Giấy chứng sinh', 'Tờ khai']);
    expect(offers.get('Giấy chứng sinh')?.dossierCode).toBe('NEW');
    expect(offers.get('Tờ khai')?.dossierCode).toBe('TK');
  });
});
