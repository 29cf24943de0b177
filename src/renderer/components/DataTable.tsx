import type { Key, ReactNode } from 'react';

/** One column: its header and how a row fills its cell. */
export interface Column<Row> {
  /** Stable identity of the column (React key). */
  id: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** Right-aligned figures (`td.num`). */
  numeric?: boolean;
  /** Extra class of the cell, from the row (e.g. a warning colour). */
  className?: string | ((row: Row) => string | undefined);
  /** Test id of the column's cells. */
  testId?: string;
}

/** The fields of a row that can serve as its key. */
type KeyField<Row> = { [K in keyof Row]: Row[K] extends Key ? K : never }[keyof Row];

export interface DataTableProps<Row> {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** A row's React key: the name of its id field, or a function of the row and its index. */
  rowKey: KeyField<Row> | ((row: Row, index: number) => Key);
  testId?: string;
  /** `table-dense` for the report tables (the default); `''` for the normal spacing. */
  density?: 'dense' | 'normal';
  caption?: ReactNode;
  /** Class of a body row, from the row (e.g. a failed print job). */
  rowClassName?(row: Row): string | undefined;
  /** `false`: no header row (a list whose columns speak for themselves). */
  header?: boolean;
}

/**
 * The one table of the report and admin screens: a header row from the columns, one body
 * row per item. Cells are plain React nodes (escaped), figures right-aligned.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, rows, rowKey, testId, density = 'dense', caption, header = true } = props;
  const cellClass = (column: Column<Row>, row: Row): string | undefined => {
    const extra = typeof column.className === 'function' ? column.className(row) : column.className;
    const classes = [column.numeric ? 'num' : '', extra ?? ''].filter(Boolean).join(' ');
    return classes || undefined;
  };
  return (
    <table className={density === 'dense' ? 'table table-dense' : 'table'} data-testid={testId}>
      {caption !== undefined && <caption>{caption}</caption>}
      {header && (
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id}>{c.header}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((row, index) => (
          <tr
            key={typeof rowKey === 'function' ? rowKey(row, index) : (row[rowKey] as Key)}
            className={props.rowClassName?.(row)}
          >
            {columns.map((c) => (
              <td key={c.id} className={cellClass(c, row)} data-testid={c.testId}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
