import { describe, expect, it } from 'vitest';
import { RowList, runsOf } from './rowSource.ts';
import type { RowSource, ServiceRun } from './rowSource.ts';

interface Row { readonly datacenter: string; readonly service: string; readonly n: number }

const row = (datacenter: string, service: string, n: number): Row => ({ datacenter, service, n });
const runs = (source: RowSource<Row>): { datacenter: string; service: string; rows: number; first: Row }[] => {
  const seen: { datacenter: string; service: string; rows: number; first: Row }[] = [];
  runsOf(source, (r: ServiceRun<Row>) => seen.push({ datacenter: r.datacenter, service: r.service, rows: r.rows, first: r.first() }));
  return seen;
};

describe('runsOf: rows grouped by datacenter and service', () => {
  it.each([
    { desc: 'no rows, no runs', rows: [], want: [] },
    { desc: 'one row', rows: [row('d', 'a', 1)], want: [{ datacenter: 'd', service: 'a', rows: 1, first: row('d', 'a', 1) }] },
    {
      desc: 'consecutive rows of a service make one run; a service met again starts another',
      rows: [row('d', 'a', 1), row('d', 'a', 2), row('d', 'b', 3), row('d', 'a', 4)],
      want: [
        { datacenter: 'd', service: 'a', rows: 2, first: row('d', 'a', 1) },
        { datacenter: 'd', service: 'b', rows: 1, first: row('d', 'b', 3) },
        { datacenter: 'd', service: 'a', rows: 1, first: row('d', 'a', 4) },
      ],
    },
    {
      desc: 'one service name in two datacenters is two runs',
      rows: [row('d', 'a', 1), row('e', 'a', 2)],
      want: [{ datacenter: 'd', service: 'a', rows: 1, first: row('d', 'a', 1) }, { datacenter: 'e', service: 'a', rows: 1, first: row('e', 'a', 2) }],
    },
  ])('$desc', ({ rows, want }) => {
    expect(runs(rows)).toEqual(want);
  });

  it('uses the runs a source knows, without visiting its rows', () => {
    const made: number[] = [];
    const known = (start: number, rows: number, service: string): ServiceRun<Row> => ({
      datacenter: 'd', service, rows, first: () => { made.push(start); return row('d', service, start); },
    });
    const source: RowSource<Row> = {
      forEach: () => { throw new Error('rows visited'); },
      forEachRun: (visit) => { visit(known(0, 2, 'a')); visit(known(3, 1, 'b')); },
    };
    expect(runs(source)).toEqual([
      { datacenter: 'd', service: 'a', rows: 2, first: row('d', 'a', 0) },
      { datacenter: 'd', service: 'b', rows: 1, first: row('d', 'b', 3) },
    ]);
    expect(made).toEqual([0, 3]);
  });
});

describe('RowList', () => {
  it('visits the rows and the runs of its parts in the order added, arrays and sources alike', () => {
    const list = new RowList<Row>();
    list.add([row('d', 'a', 1), row('d', 'a', 2)], 2);
    list.add([row('d', 'a', 3), row('d', 'b', 4)], 2);
    expect(list.size).toBe(4);
    const visited: number[] = [];
    list.forEach((r) => visited.push(r.n));
    expect(visited).toEqual([1, 2, 3, 4]);
    // A run does not continue across parts (a consumer skips a run like the one before).
    expect(runs(list).map((r) => [r.service, r.rows])).toEqual([['a', 2], ['a', 1], ['b', 1]]);
  });
});
