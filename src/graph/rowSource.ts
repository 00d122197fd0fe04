/**
 * Rows visited one at a time. An array of rows is a source; so is a query's answer read in place
 * (`readRateRows` in conventions/rows.ts), which makes each row as it is visited and keeps none:
 * a refresh of a large platform has hundreds of thousands of rows, and rows kept until the graph
 * is built cost the collector more than building it.
 */
export interface RowSource<R> {
  /**
   * Visits the rows in order. A source may hand every visit the same row object, rewritten
   * in place (a read answer does): a visitor that keeps a row past its visit keeps a copy.
   */
  forEach(visit: (row: R) => void): void;
  /**
   * The runs of its rows (see `ServiceRun`), in order, when the source knows them without making
   * its rows (a read answer finds them in its columns); else `runsOf` groups the rows.
   */
  readonly forEachRun?: (visit: (run: ServiceRun<R>) => void) => void;
}

/** What a row must name to be grouped in runs. */
interface ServiceRow {
  readonly datacenter: string;
  readonly service: string;
}

/**
 * Consecutive rows of one datacenter and service (a service's rows come together: one per peer
 * and status class): what is asked of rows that only need their services, without making them.
 */
export interface ServiceRun<R> {
  readonly datacenter: string;
  readonly service: string;
  /** The number of rows in the run (at least one). */
  readonly rows: number;
  /** The first row of the run, made on demand (an example for a problem). */
  first(): R;
}

/** Several sources visited as one, in the order added (a refresh reads one answer per server). */
export class RowList<R extends ServiceRow> implements RowSource<R> {
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

  forEachRun(visit: (run: ServiceRun<R>) => void): void {
    for (let i = 0; i < this.parts.length; i++) runsOf(this.parts[i] as RowSource<R>, visit);
  }
}

/** The runs of a source: its own (`forEachRun`) when it has them, else its rows grouped. */
export function runsOf<R extends ServiceRow>(source: RowSource<R> | readonly R[], visit: (run: ServiceRun<R>) => void): void {
  if ('forEachRun' in source && source.forEachRun) {
    source.forEachRun(visit);
    return;
  }
  let run: { datacenter: string; service: string; rows: number; first: () => R } | undefined;
  source.forEach((row) => {
    if (run && run.datacenter === row.datacenter && run.service === row.service) {
      run.rows++;
      return;
    }
    if (run) visit(run);
    const first = { ...row };
    run = { datacenter: row.datacenter, service: row.service, rows: 1, first: () => first };
  });
  if (run) visit(run);
}

/** The rows of a source as an array (tests, small inputs). */
export function rowsOf<R>(source: RowSource<R>): R[] {
  const rows: R[] = [];
  source.forEach((row) => rows.push({ ...row }));
  return rows;
}
