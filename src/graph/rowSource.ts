/**
 * Rows visited one at a time. An array of rows is a source; so is a query's answer read in place
 * (`readRateRows` in conventions/rows.ts), which makes each row as it is visited and keeps none:
 * a refresh of a large platform has hundreds of thousands of rows, and rows kept until the graph
 * is built cost the collector more than building it.
 */
export interface RowSource<R> {
  forEach(visit: (row: R) => void): void;
}

/** Several sources visited as one, in the order added (a refresh reads one answer per server). */
export class RowList<R> implements RowSource<R> {
  private readonly parts: RowSource<R>[] = [];
  private count = 0;

  /** `size`: the number of rows the part visits. */
  add(part: RowSource<R>, size: number): void {
    this.parts.push(part);
    this.count += size;
  }

  /** The number of rows visited. */
  get size(): number {
    return this.count;
  }

  forEach(visit: (row: R) => void): void {
    for (let i = 0; i < this.parts.length; i++) (this.parts[i] as RowSource<R>).forEach(visit);
  }
}

/** The rows of a source as an array (tests, small inputs). */
export function rowsOf<R>(source: RowSource<R>): R[] {
  const rows: R[] = [];
  source.forEach((row) => rows.push(row));
  return rows;
}
