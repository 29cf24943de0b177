import { describe, expect, it } from 'vitest';
import { formatDossierCode, isAgencyCode, parseDossierCode } from '../../src/shared/dossierCode';
import { vnInstant } from '../../src/shared/time/vnTime';

describe('agency identifier shape (QCVN 102:2016)', () => {
  it.each([
    '000.00.14.H56',
    '000.17.22.H56',
    '38.98.H29',
    '12.H29',
    'H56',
    'G01',
    ' 000.00.14.h56 ',
  ])('accepts %s', (code) => expect(isAgencyCode(code)).toBe(true));
  it.each([
    '',
    '000.00.14',
    '00.00.14.H56',
    '0000.00.14.H56',
    '000.0.14.H56',
    '000.00.14.H5',
    '000.00.14.56',
    '000-00-14-H56',
    'H56.00',
    '1.000.00.14.H56',
  ])('rejects %j', (code) => expect(isAgencyCode(code)).toBe(false));
});

describe('formatDossierCode', () => {
  it('builds the real examples from docs/domain.md', () => {
    expect(
      formatDossierCode({
        agencyCode: '000.00.14.H56',
        receivedAt: vnInstant('2020-02-03', 9),
        sequence: 118,
      }),
    ).toEqual({ ok: true, value: '000.00.14.H56-200203-0118' });
    expect(
      formatDossierCode({
        agencyCode: '000.17.22.H56',
        receivedAt: vnInstant('2021-05-31', 14),
        sequence: 1,
      }),
    ).toEqual({ ok: true, value: '000.17.22.H56-210531-0001' });
    expect(
      formatDossierCode({
        agencyCode: '38.98.H29',
        receivedAt: vnInstant('2021-05-19', 8),
        sequence: 13,
      }),
    ).toEqual({ ok: true, value: '38.98.H29-210519-0013' });
  });

  it('uses the Vietnam date, not UTC or the machine zone', () => {
    // 2021-05-18T17:30Z = 00:30 on 19/05 in Vietnam
    const r = formatDossierCode({
      agencyCode: '38.98.H29',
      receivedAt: new Date('2021-05-18T17:30:00Z'),
      sequence: 1,
    });
    expect(r.ok && r.value).toBe('38.98.H29-210519-0001');
    // 2021-05-19T16:59Z = 23:59 on 19/05 in Vietnam
    const r2 = formatDossierCode({
      agencyCode: '38.98.H29',
      receivedAt: new Date('2021-05-19T16:59:00Z'),
      sequence: 2,
    });
    expect(r2.ok && r2.value).toBe('38.98.H29-210519-0002');
  });

  it('widens the sequence to 5 digits past 9999 and refuses above 99999', () => {
    const at = vnInstant('2026-03-02', 9);
    expect(formatDossierCode({ agencyCode: 'H56', receivedAt: at, sequence: 9999 })).toEqual({
      ok: true,
      value: 'H56-260302-9999',
    });
    expect(formatDossierCode({ agencyCode: 'H56', receivedAt: at, sequence: 10000 })).toEqual({
      ok: true,
      value: 'H56-260302-10000',
    });
    expect(formatDossierCode({ agencyCode: 'H56', receivedAt: at, sequence: 99999 }).ok).toBe(true);
    expect(
      formatDossierCode({ agencyCode: 'H56', receivedAt: at, sequence: 100000 }),
    ).toMatchObject({
      ok: false,
      code: 'SEQUENCE_RANGE',
    });
  });

  it('refuses sequence 0, negatives, fractions, bad agency codes and invalid dates', () => {
    const at = vnInstant('2026-03-02', 9);
    for (const sequence of [0, -1, 1.5, Number.NaN]) {
      expect(formatDossierCode({ agencyCode: 'H56', receivedAt: at, sequence }).ok).toBe(false);
    }
    const bad = formatDossierCode({ agencyCode: '000.00.14', receivedAt: at, sequence: 1 });
    expect(bad).toMatchObject({ ok: false, code: 'AGENCY_CODE_INVALID' });
    expect(!bad.ok && bad.message).toContain('QCVN 102:2016');
    expect(
      formatDossierCode({ agencyCode: 'H56', receivedAt: new Date('nope'), sequence: 1 }),
    ).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });
});

describe('parseDossierCode', () => {
  it('parses the real examples', () => {
    expect(parseDossierCode('000.00.14.H56-200203-0118')).toEqual({
      ok: true,
      value: {
        agencyCode: '000.00.14.H56',
        yymmdd: '200203',
        receivedDate: '2020-02-03',
        sequence: 118,
      },
    });
    expect(parseDossierCode('38.98.H29-210519-0013')).toMatchObject({
      ok: true,
      value: { agencyCode: '38.98.H29', receivedDate: '2021-05-19', sequence: 13 },
    });
    expect(parseDossierCode(' 000.17.22.h56-210531-0001\n')).toMatchObject({
      ok: true,
      value: { agencyCode: '000.17.22.H56', sequence: 1 },
    });
  });

  it('round-trips format → parse, including widened sequences', () => {
    for (const sequence of [1, 118, 9999, 10000, 54321]) {
      const f = formatDossierCode({
        agencyCode: '000.00.14.H56',
        receivedAt: vnInstant('2026-12-31', 16),
        sequence,
      });
      if (!f.ok) throw new Error(f.message);
      expect(parseDossierCode(f.value)).toMatchObject({
        ok: true,
        value: { sequence, receivedDate: '2026-12-31' },
      });
    }
  });

  it.each([
    ['000.00.14.H56-200203-118', 'CODE_FORMAT'],
    ['000.00.14.H56-200203-01180', 'CODE_FORMAT'],
    ['000.00.14.H56-20020-0118', 'CODE_FORMAT'],
    ['000.00.14.H56_200203_0118', 'CODE_FORMAT'],
    ['200203-0118', 'CODE_FORMAT'],
    ['000.00.14.H56-200203-0000', 'SEQUENCE_RANGE'],
    ['000.00.14.H56-200230-0001', 'DATE_INVALID'],
    ['000.00.14.H56-201301-0001', 'DATE_INVALID'],
    ['0.00.14.H56-200203-0001', 'AGENCY_CODE_INVALID'],
    ['000.00-14.H56-200203-0001', 'AGENCY_CODE_INVALID'],
  ])('rejects %s (%s)', (code, expected) => {
    const r = parseDossierCode(code);
    expect(r).toMatchObject({ ok: false, code: expected });
  });
});
