import { describe, expect, it } from 'vitest';
import type { Grouping } from '../graph/scope.ts';
import type { ServiceList } from '../graph/serviceList.ts';
import { DEFAULT_URL_STATE } from './urlState.ts';
import type { UrlState } from './urlState.ts';
import { groupOfService, linkGroup, resolveScope } from './viewScope.ts';

const state = (parts: Partial<UrlState>): UrlState => ({ ...DEFAULT_URL_STATE, ...parts });
const list: ServiceList = {
  services: new Map([
    ['east', new Map([['pay-ledger', 'pay'], ['pay-api', 'pay'], ['shop-web', 'shop'], ['legacy', 'legacy']])],
    ['west', new Map([['shop-web', 'shop']])],
  ]),
};
const auto: Grouping = { source: { kind: 'rule', regex: '([^-]+)-.+' }, when: 'auto' };
const always: Grouping = { ...auto, when: 'always' };
const off: Grouping = { source: null, when: 'auto' };

describe('resolveScope', () => {
  it.each([
    { desc: 'no dc: global', s: state({}), g: auto, max: 150, want: { scope: { level: 'global' } } },
    { desc: 'a small dc, auto: flat', s: state({ dc: 'east' }), g: auto, max: 150, want: { scope: { level: 'datacenter', dc: 'east', grouped: false } } },
    { desc: 'a dc over maxNodesPerView, auto: grouped', s: state({ dc: 'east' }), g: auto, max: 3, want: { scope: { level: 'datacenter', dc: 'east', grouped: true } } },
    { desc: 'always: grouped whatever the size', s: state({ dc: 'west' }), g: always, max: 150, want: { scope: { level: 'datacenter', dc: 'west', grouped: true } } },
    { desc: 'off: flat whatever the size', s: state({ dc: 'east' }), g: off, max: 1, want: { scope: { level: 'datacenter', dc: 'east', grouped: false } } },
    { desc: 'a group', s: state({ dc: 'east', group: 'pay' }), g: auto, max: 150, want: { scope: { level: 'group', dc: 'east', group: 'pay' } } },
    { desc: 'a focus (old dc + service links)', s: state({ dc: 'east', service: 'legacy' }), g: auto, max: 150, want: { scope: { level: 'focus', dc: 'east', service: 'legacy' } } },
    { desc: 'a focus with its group', s: state({ dc: 'east', group: 'pay', service: 'pay-api' }), g: auto, max: 150, want: { scope: { level: 'focus', dc: 'east', service: 'pay-api' } } },
  ])('$desc', ({ s, g, max, want }) => {
    expect(resolveScope(s, list, g, max, null)).toEqual(want);
  });

  it.each([
    { desc: 'an unknown datacenter: global, said', s: state({ dc: 'mars' }), level: 'global', text: 'No datacenter "mars"' },
    { desc: 'dc=__proto__ is unknown', s: state({ dc: '__proto__' }), level: 'global', text: 'No datacenter' },
    { desc: 'an unknown group: its datacenter, said', s: state({ dc: 'east', group: 'nope' }), level: 'datacenter', text: 'No group "nope"' },
    { desc: 'an unknown service: its group, said', s: state({ dc: 'east', group: 'pay', service: 'ghost' }), level: 'group', text: 'No service "ghost"' },
    { desc: 'an unknown service without group: its datacenter', s: state({ dc: 'west', service: 'ghost' }), level: 'datacenter', text: 'No service "ghost" in west' },
  ])('$desc', ({ s, level, text }) => {
    const r = resolveScope(s, list, auto, 150, null, 0, true);
    expect(r.scope?.level).toBe(level);
    expect(r.notice).toContain(text);
  });

  it('before the list: a datacenter whose size decides waits; the others do not', () => {
    expect(resolveScope(state({ dc: 'east' }), undefined, auto, 150, null).scope).toBeNull();
    expect(resolveScope(state({ dc: 'east', service: 'x' }), undefined, auto, 150, null).scope).toEqual({ level: 'focus', dc: 'east', service: 'x' });
    expect(resolveScope(state({ dc: 'east', group: 'pay' }), undefined, auto, 150, null).scope).toEqual({ level: 'group', dc: 'east', group: 'pay' });
  });

  it('listed datacenters decide which exist', () => {
    expect(resolveScope(state({ dc: 'west' }), list, auto, 150, ['east']).notice).toContain('No datacenter "west"');
  });

  it('groupOfService', () => {
    expect(groupOfService(list, 'east', 'pay-api')).toBe('pay');
    expect(groupOfService(list, 'east', 'legacy')).toBe('');
    expect(groupOfService(undefined, 'east', 'pay-api')).toBe('');
  });
});

describe('linkGroup', () => {
  it('a link carries the group only where the datacenter is drawn as groups', () => {
    expect(linkGroup(list, auto, 3, 'east', 'pay-api')).toBe('pay');
    expect(linkGroup(list, auto, 150, 'east', 'pay-api')).toBe('');
    expect(linkGroup(list, always, 150, 'east', 'legacy')).toBe('');
    expect(linkGroup(list, off, 1, 'east', 'pay-api')).toBe('');
  });
});

describe('resolveScope with an old list', () => {
  it('does not call a linked service or group gone: the view is read and the list asked again', () => {
    expect(resolveScope(state({ dc: 'east', service: 'new-svc' }), list, auto, 150, null, 60_000)).toEqual({ scope: { level: 'focus', dc: 'east', service: 'new-svc' }, refetchList: true });
    expect(resolveScope(state({ dc: 'east', group: 'newteam' }), list, auto, 150, null, 60_000)).toEqual({ scope: { level: 'group', dc: 'east', group: 'newteam' }, refetchList: true });
    expect(resolveScope(state({ dc: 'east', service: 'new-svc' }), list, auto, 150, null, 1_000)).toEqual({ scope: { level: 'focus', dc: 'east', service: 'new-svc' }, refetchList: true });
    expect(resolveScope(state({ dc: 'east', service: 'new-svc' }), list, auto, 150, null, 1_000, true).notice).toContain('No service "new-svc"');
  });
});
