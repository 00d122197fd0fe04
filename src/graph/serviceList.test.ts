import { describe, expect, it } from 'vitest';
import { allNames, groupsOf, mergeServiceLists, readServiceList, searchList } from './serviceList.ts';

const L = { datacenter: 'dc', service: 'name', group: 'group' };
const sample = (dc: string, name: string, group?: string) => ({ metric: { dc, name, ...(group ? { group } : {}) } });

describe('service list', () => {
  const list = readServiceList([
    sample('east', 'pay-api', 'pay'), sample('east', 'pay-ledger', 'pay'), sample('east', 'legacy', 'legacy'),
    sample('west', 'constructor', 'constructor'), sample('west', '__proto__', 'x'),
    { metric: { name: 'no-dc' } }, { metric: { dc: 'east' } }, {},
  ], L);

  it('reads services per datacenter, skipping series without a datacenter or name', () => {
    expect([...list.services.keys()]).toEqual(['east', 'west']);
    expect([...(list.services.get('east')?.keys() ?? [])]).toEqual(['pay-api', 'pay-ledger', 'legacy']);
    expect(list.services.get('west')?.get('__proto__')).toBe('x');
  });

  it('counts groups, not services without one (group = its own name)', () => {
    expect([...groupsOf(list, 'east')]).toEqual([['pay', 2]]);
    expect([...groupsOf(list, 'west')]).toEqual([['x', 1]]);
  });

  it('searches every datacenter: exact, then prefix, then substring', () => {
    expect(searchList(list, 'PAY').map((h) => h.service)).toEqual(['pay-api', 'pay-ledger']);
    expect(searchList(list, 'ledger')[0]).toEqual({ dc: 'east', service: 'pay-ledger', group: 'pay' });
    expect(searchList(list, 'constructor')).toEqual([{ dc: 'west', service: 'constructor', group: 'constructor' }]);
    expect(searchList(list, '  ')).toEqual([]);
  });

  it('merges the lists of several servers', () => {
    const other = readServiceList([sample('south', 'a-b', 'a')], L);
    const merged = mergeServiceLists([list, other]);
    expect([...merged.services.keys()].sort()).toEqual(['east', 'south', 'west']);
    expect(allNames(merged)).toContain('a-b');
  });
});
