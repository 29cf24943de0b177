import { describe, expect, it } from 'vitest';
import { processingTimeLabel } from '../../../src/shared/catalog/procedure';

describe('processingTimeLabel (desk catalogue, reception, kiosk and printed checklist)', () => {
  it('reads each unit in Vietnamese, with Vietnamese decimals', () => {
    expect(processingTimeLabel({ unit: 'working_day', amount: 15 }, 'vi')).toBe('15 ngày làm việc');
    expect(processingTimeLabel({ unit: 'day', amount: 30 }, 'vi')).toBe('30 ngày');
    expect(processingTimeLabel({ unit: 'hour', amount: 1.5 }, 'vi')).toBe('1,5 giờ');
    expect(processingTimeLabel({ unit: 'same_day', amount: 0 }, 'vi')).toBe('Trong ngày');
  });

  it('reads each unit in English', () => {
    expect(processingTimeLabel({ unit: 'working_day', amount: 3 }, 'en')).toBe('3 working days');
    expect(processingTimeLabel({ unit: 'hour', amount: 4 }, 'en')).toBe('4 hours');
    expect(processingTimeLabel({ unit: 'same_day', amount: 0 }, 'en')).toBe('Same day');
  });
});
