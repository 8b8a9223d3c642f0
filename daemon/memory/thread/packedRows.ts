import { APPEND_ORDER, type AppendTable, type RowsByTable } from '../tableRows';

/** In a text column: no value, and a key the row did not have. Other values are indices into `strings`. */
const NULL_TEXT = -1;
const ABSENT = -2;

type PackedColumn = { readonly text: Int32Array } | { readonly values: readonly unknown[] };

/** One table's rows of every job in a post, as columns. */
interface PackedTable {
  readonly names: readonly string[];
  readonly columns: readonly PackedColumn[];
}

/** Where a job's rows are in the post's tables: the first row and how many, per table. */
export type PackedRows = { readonly [K in AppendTable]?: readonly [first: number, count: number] };

/** The rows of every job of one post to the memory thread. */
export interface PackedPost {
  readonly strings: readonly string[];
  readonly tables: { readonly [K in AppendTable]?: PackedTable };
}

type LooseRow = Readonly<Record<string, unknown>>;

/** A column as it is built: indices while every value is text or null, the values themselves once one is not. */
class ColumnBuilder {
  private text: number[] | null;
  private values: unknown[] | null = null;

  /** A column first seen in a later row: the rows before it lack it. */
  constructor(rowsBefore: number) {
    this.text = new Array<number>(rowsBefore).fill(ABSENT);
  }

  add(value: unknown, packer: RowPacker): void {
    if (this.text !== null) {
      if (typeof value === 'string') return void this.text.push(packer.stringIndex(value));
      if (value === null) return void this.text.push(NULL_TEXT);
      if (value === undefined) return void this.text.push(ABSENT);
      // Numbers, timestamps (bigint), embeddings: carried as they are.
      this.values = this.text.map((index) => packer.stringAt(index));
      this.text = null;
    }
    this.values?.push(value);
  }

  build(): PackedColumn {
    return this.text !== null ? { text: Int32Array.from(this.text) } : { values: this.values ?? [] };
  }
}

class TableBuilder {
  rows = 0;
  private readonly names: string[] = [];
  private readonly columns: ColumnBuilder[] = [];
  private readonly known = new Set<string>();

  add(rows: readonly LooseRow[], packer: RowPacker): void {
    for (const row of rows) {
      for (const name in row) {
        if (this.known.has(name)) continue;
        this.known.add(name);
        this.names.push(name);
        this.columns.push(new ColumnBuilder(this.rows));
      }
      for (let column = 0; column < this.names.length; column += 1)
        this.columns[column].add(row[this.names[column]], packer);
      this.rows += 1;
    }
  }

  build(): PackedTable {
    return { names: this.names, columns: this.columns.map((column) => column.build()) };
  }
}

/**
 * Packs the rows of every job in one post to the memory thread as columns, one set per table for the whole post.
 * Structured clone copies every string of every row object, and an exchange's rows repeat the same long text many
 * times (the run's labels, the target's and orchestrator's identifier JSON, the ids that tie the tables together):
 * packed, each distinct string crosses once per post and each column as one block of memory.
 */
export class RowPacker {
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly tables = new Map<AppendTable, TableBuilder>();

  pack(rows: RowsByTable): PackedRows {
    const placed: { [K in AppendTable]?: readonly [number, number] } = {};
    for (const table of APPEND_ORDER) {
      const tableRows = rows[table] as readonly LooseRow[] | undefined;
      if (tableRows === undefined || tableRows.length === 0) continue;
      let builder = this.tables.get(table);
      if (builder === undefined) this.tables.set(table, (builder = new TableBuilder()));
      placed[table] = [builder.rows, tableRows.length];
      builder.add(tableRows, this);
    }
    return placed;
  }

  post(): PackedPost {
    const tables: { [K in AppendTable]?: PackedTable } = {};
    for (const [table, builder] of this.tables) tables[table] = builder.build();
    return { strings: this.strings, tables };
  }

  stringIndex(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(value);
      this.index.set(value, at);
    }
    return at;
  }

  stringAt(index: number): string | null | undefined {
    if (index === NULL_TEXT) return null;
    return index === ABSENT ? undefined : this.strings[index];
  }
}

/** A job's rows as it gave them; a column its row did not have stays absent from it. */
export function unpackRows(placed: PackedRows, post: PackedPost): RowsByTable {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const table of APPEND_ORDER) {
    const place = placed[table];
    const packed = post.tables[table];
    if (place === undefined || packed === undefined) continue;
    const [first, count] = place;
    const tableRows: Record<string, unknown>[] = [];
    for (let at = first; at < first + count; at += 1) {
      const row: Record<string, unknown> = {};
      for (let column = 0; column < packed.names.length; column += 1) {
        const data = packed.columns[column];
        if ('text' in data) {
          const index = data.text[at];
          if (index >= 0) row[packed.names[column]] = post.strings[index];
          else if (index === NULL_TEXT) row[packed.names[column]] = null;
        } else if (data.values[at] !== undefined) row[packed.names[column]] = data.values[at];
      }
      tableRows.push(row);
    }
    rows[table] = tableRows;
  }
  return rows as RowsByTable;
}
