// The one table of the report and admin screens and the contract-schema form check
// (src/renderer/components/DataTable.tsx, src/renderer/forms/useSchemaForm.ts).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIORITY_CATEGORIES,
  queueSettingsSchema,
} from '../../../src/shared/contract/queue';
import { DataTable } from '../../../src/renderer/components/DataTable';
import { checkWithSchema } from '../../../src/renderer/forms/useSchemaForm';

interface Row {
  id: string;
  name: string;
  count: number;
}

describe('DataTable', () => {
  it('renders headers, one row per item, figures right-aligned, cells escaped', () => {
    // DataTable uses no hooks: calling it gives the element tree to render.
    const html = renderToStaticMarkup(
      DataTable<Row>({
        testId: 'by-thing',
        rows: [
          { id: 'a', name: '<b>Tư pháp</b>', count: 3 },
          { id: 'b', name: 'Địa chính', count: 0 },
        ],
        rowKey: (r) => r.id,
        columns: [
          { id: 'name', header: 'Lĩnh vực', cell: (r) => r.name },
          {
            id: 'count',
            header: 'Số',
            cell: (r) => r.count,
            numeric: true,
            className: (r) => (r.count > 0 ? 'rp-bad' : undefined),
          },
        ],
      }),
    );
    expect(html).toBe(
      '<table class="table table-dense" data-testid="by-thing"><thead><tr><th>Lĩnh vực</th>' +
        '<th>Số</th></tr></thead><tbody><tr><td>&lt;b&gt;Tư pháp&lt;/b&gt;</td>' +
        '<td class="num rp-bad">3</td></tr><tr><td>Địa chính</td><td class="num">0</td></tr>' +
        '</tbody></table>',
    );
  });
});

describe('form state through the contract schema', () => {
  const good = {
    regularPerPriority: 2,
    maxWaitOverride: true,
    reactivatePosition: 'after' as const,
    reactivateAfter: 2,
    voiceRepeat: 2,
    voicePauseMs: 1500,
    issueOnlyIfPrinted: true,
    priorityCategories: DEFAULT_PRIORITY_CATEGORIES,
  };

  it('accepts what the hub accepts', () => {
    const r = checkWithSchema(queueSettingsSchema, good, 'vi');
    expect(r.ok).toBe(true);
  });

  it('refuses what the hub refuses, field by field, in the language of the screen', () => {
    const r = checkWithSchema(queueSettingsSchema, { ...good, voiceRepeat: 9 }, 'vi');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_ERROR');
    expect(r.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
    expect(r.error.details).toEqual([{ path: 'voiceRepeat', message: expect.any(String) }]);
    const en = checkWithSchema(queueSettingsSchema, { ...good, voiceRepeat: 9 }, 'en');
    expect(en.ok).toBe(false);
    if (!en.ok) expect(en.error.message).toBe('The data sent is not valid.');
  });
});
