import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, DEFAULT_URL_STATE, decodeUrlState, encodeUrlState, toRendererView } from './urlState.ts';
import type { UrlState } from './urlState.ts';

const state = (parts: Partial<UrlState>): UrlState => ({ ...DEFAULT_URL_STATE, ...parts });

describe('decodeUrlState(encodeUrlState(s)) is s', () => {
  const cases: { desc: string; state: UrlState }[] = [
    { desc: 'the defaults', state: DEFAULT_URL_STATE },
    { desc: 'table view of the global view', state: state({ view: 'table' }) },
    { desc: 'a datacenter', state: state({ dc: 'eu-west' }) },
    { desc: 'a focus view', state: state({ dc: 'eu-west', service: 'checkout' }) },
    { desc: 'an edge of the global view', state: state({ edge: ['INTERNET', 'eu-west'] }) },
    { desc: 'everything at once', state: state({ dc: 'us-east', service: 'search', edge: ['frontend', 'search'], view: 'table' }) },
    { desc: 'an edge to a remote datacenter node', state: state({ dc: 'eu', edge: ['web', 'dc:us'] }) },
    { desc: 'spaces and plus signs', state: state({ dc: 'eu west', service: 'a b+c', edge: ['a b', 'c+d'] }) },
    { desc: '& and = (query syntax)', state: state({ dc: 'a&dc=b', service: 'x=y&view=table', edge: ['p&q', 'r=s'] }) },
    { desc: '# and ? (URL syntax)', state: state({ dc: '#dc', service: 'svc?x#y', edge: ['#a', '?b'] }) },
    { desc: 'percent signs and escapes', state: state({ dc: '%41', service: '%E2%82%AC', edge: ['100%', '%zz'] }) },
    { desc: 'unicode', state: state({ dc: 'Zürich', service: 'καλάθι 🛒', edge: ['東京', 'كاش'] }) },
    { desc: '-> without spaces inside names', state: state({ dc: 'eu', edge: ['a->b', 'c->d'] }) },
    { desc: 'the separator " -> " inside the source', state: state({ dc: 'eu', edge: ['a -> b', 'c'] }) },
    { desc: 'the separator " -> " inside the target', state: state({ dc: 'eu', edge: ['a', 'b -> c'] }) },
    { desc: 'the separator inside both, twice', state: state({ edge: [' -> -> ', 'x -> y -> z'] }) },
    { desc: 'names ending in a space or a dash', state: state({ edge: ['a ', ' -'] }) },
    { desc: 'backslashes, alone and before the separator', state: state({ edge: ['a\\', '\\ -> \\\\'] }) },
    { desc: 'quotes', state: state({ dc: '"eu"', service: "o'brien", edge: ['"a"', '`b`'] }) },
    { desc: 'markup', state: state({ dc: '<b>eu</b>', service: '<script>alert(1)</script>', edge: ['<img src=x onerror=alert(1)>', '</a>'] }) },
    { desc: 'a javascript: label value', state: state({ dc: 'javascript:alert(1)', service: 'javascript:alert(1)' }) },
    { desc: 'prototype names', state: state({ dc: '__proto__', service: 'constructor', edge: ['toString', '__proto__'] }) },
    { desc: 'control characters and newlines', state: state({ dc: 'a\nb', service: 'tab\there', edge: ['nul\u0000', 'cr\r'] }) },
    { desc: 'a pinned time', state: state({ dc: 'eu', time: 1_790_000_000 }) },
    { desc: 'the earliest pinned time', state: state({ time: 1 }) },
    { desc: 'the latest pinned time (year 9999)', state: state({ time: 253_402_300_799 }) },
    { desc: 'kiosk', state: state({ kiosk: true }) },
    { desc: 'rotation at the bounds', state: state({ rotateMs: 5000 }) },
    { desc: 'rotation of a day', state: state({ rotateMs: 24 * 3_600_000 }) },
    { desc: 'rotation of 1h 1m 1s', state: state({ rotateMs: 3_661_000 }) },
    { desc: 'find and hide', state: state({ filters: { find: 'errors > 5% or alerts', hide: 'rate < 1e-7 or name = check*out' } }) },
    { desc: 'an expression with "+", "&", "#" and "="', state: state({ filters: { ...DEFAULT_FILTERS, hide: 'rate < 1e+21 or name = "<b>&x=1#y</b> -> z"' } }) },
    { desc: 'an expression that does not parse is kept as it is', state: state({ filters: { ...DEFAULT_FILTERS, find: 'errors > 5 and (' } }) },
    {
      desc: 'everything set',
      state: { dc: 'eu', group: 'team-a', service: 'api', edge: ['web', 'api'], view: 'table', time: 1_790_000_000, kiosk: true, rotateMs: 30_000, filters: { find: 'alerts', hide: 'rate < 2' } },
    },
  ];

  it.each(cases)('$desc', ({ state: s }) => {
    expect(decodeUrlState(encodeUrlState(s))).toEqual(s);
  });

  it.each(cases)('$desc, through a real URL with a fragment', ({ state: s }) => {
    // What the browser does with the string: the URL parser must not cut it at "#" or drop parts.
    const url = new URL(`https://wall.example/traffic/${encodeUrlState(s, '?theme=dark')}#top`);
    expect(decodeUrlState(url.search)).toEqual(s);
    expect(url.hash).toBe('#top');
    expect(url.searchParams.get('theme')).toBe('dark');
  });
});

describe('encodeUrlState', () => {
  const cases: { desc: string; state: UrlState; search?: string; want: string }[] = [
    { desc: 'the defaults give an empty query', state: DEFAULT_URL_STATE, want: '' },
    { desc: 'the default view (map) is omitted', state: state({ dc: 'eu' }), want: '?dc=eu' },
    { desc: 'table is written', state: state({ view: 'table' }), want: '?view=table' },
    { desc: 'service without a datacenter is dropped', state: state({ service: 'api' }), want: '' },
    { desc: 'the edge is "source -> target"', state: state({ edge: ['a', 'b'] }), want: '?edge=a+-%3E+b' },
    { desc: 'a source containing the separator is escaped', state: state({ edge: ['a -> b', 'c'] }), want: '?edge=a+%5C-%3E+b+-%3E+c' },
    { desc: 'unknown parameters are kept, in place', state: state({ dc: 'eu' }), search: '?theme=dark&lang=de', want: '?theme=dark&lang=de&dc=eu' },
    {
      desc: 'owned parameters at defaults are removed, others kept',
      state: DEFAULT_URL_STATE,
      search: '?dc=eu&service=api&theme=dark&edge=a+-%3E+b&view=table&time=1790000000&kiosk=1&rotate=30s&hideHealthy=1&minRate=2&match=x',
      want: '?theme=dark',
    },
    { desc: 'a pinned time is RFC 3339 in UTC', state: state({ time: 1_790_000_000 }), want: '?time=2026-09-21T14%3A13%3A20Z' },
    { desc: 'kiosk is 1', state: state({ kiosk: true }), want: '?kiosk=1' },
    { desc: 'rotation as a duration', state: state({ rotateMs: 90_000 }), want: '?rotate=1m30s' },
    { desc: 'filters', state: state({ filters: { find: 'alerts', hide: 'rate < 0.5' } }), want: '?find=alerts&hide=rate+%3C+0.5' },
    { desc: 'old filter parameters give way to hide', state: state({ filters: { find: '', hide: 'health = normal' } }), search: '?hideHealthy=1&minRate=2&match=x&theme=dark', want: '?theme=dark&hide=health+%3D+normal' },
    { desc: 'filters at their defaults are omitted', state: state({ filters: DEFAULT_FILTERS }), want: '' },
    { desc: 'an old value is replaced, not repeated', state: state({ dc: 'us' }), search: '?dc=eu&dc=eu2', want: '?dc=us' },
    { desc: 'a stale service is removed when leaving the datacenter', state: state({ service: 'api' }), search: '?dc=eu&service=api', want: '' },
    { desc: 'a search without "?" is read too', state: state({ view: 'table' }), search: 'x=1', want: '?x=1&view=table' },
  ];
  it.each(cases)('$desc', ({ state: s, search, want }) => {
    expect(encodeUrlState(s, search)).toBe(want);
  });

  it('does not change the search string it is given', () => {
    const search = '?kiosk=1';
    encodeUrlState(state({ dc: 'eu' }), search);
    expect(search).toBe('?kiosk=1');
  });
});

describe('decodeUrlState', () => {
  const cases: { desc: string; search: string; want: UrlState }[] = [
    { desc: 'empty', search: '', want: DEFAULT_URL_STATE },
    { desc: 'just "?"', search: '?', want: DEFAULT_URL_STATE },
    { desc: 'unknown parameters only', search: '?theme=dark&foo', want: DEFAULT_URL_STATE },
    { desc: 'a pinned time in unix seconds', search: '?time=1790000000', want: state({ time: 1_790_000_000 }) },
    { desc: 'a pinned time in RFC 3339 with an offset', search: '?time=2026-09-21T16:13:20%2B02:00', want: state({ time: 1_790_000_000 }) },
    { desc: 'a pinned time with a fraction is floored', search: '?time=1790000000.9', want: state({ time: 1_790_000_000 }) },
    { desc: 'a bad time is live', search: '?time=yesterday', want: DEFAULT_URL_STATE },
    { desc: 'time 0 is live', search: '?time=0', want: DEFAULT_URL_STATE },
    { desc: 'a time after year 9999 is live', search: '?time=253402300800', want: DEFAULT_URL_STATE },
    { desc: 'kiosk=true', search: '?kiosk=true', want: state({ kiosk: true }) },
    { desc: 'kiosk=0 is off', search: '?kiosk=0', want: DEFAULT_URL_STATE },
    { desc: 'rotate in plain seconds', search: '?rotate=45', want: state({ rotateMs: 45_000 }) },
    { desc: 'rotate under 5 s is off', search: '?rotate=4s', want: DEFAULT_URL_STATE },
    { desc: 'rotate over a day is off', search: '?rotate=25h', want: DEFAULT_URL_STATE },
    { desc: 'a malformed rotate is off', search: '?rotate=soon', want: DEFAULT_URL_STATE },
    { desc: 'find and hide', search: '?find=errors+>+5%25&hide=rate+<+1', want: state({ filters: { find: 'errors > 5%', hide: 'rate < 1' } }) },
    { desc: 'old hideHealthy=1', search: '?hideHealthy=1', want: state({ filters: { find: '', hide: 'health = normal' } }) },
    { desc: 'old minRate=5', search: '?minRate=5', want: state({ filters: { find: '', hide: 'rate < 5' } }) },
    { desc: 'old match=checkout (the global view stays whole, as before)', search: '?match=checkout', want: state({ filters: { find: '', hide: 'not (name = *checkout* or kind = datacenter)' } }) },
    { desc: 'old filters together', search: '?hideHealthy=1&minRate=0.5&match=pay', want: state({ filters: { find: '', hide: 'health = normal or rate < 0.5 or not (name = *pay* or kind = datacenter)' } }) },
    { desc: 'hide wins over old filters', search: '?hideHealthy=1&hide=alerts', want: state({ filters: { find: '', hide: 'alerts' } }) },
    { desc: 'hideHealthy=0 is no filter', search: '?hideHealthy=0', want: DEFAULT_URL_STATE },
    { desc: 'a negative minRate is no filter', search: '?minRate=-1', want: DEFAULT_URL_STATE },
    { desc: 'a non-number minRate is no filter', search: '?minRate=abc', want: DEFAULT_URL_STATE },
    { desc: 'an infinite minRate is no filter', search: '?minRate=Infinity', want: DEFAULT_URL_STATE },
    { desc: 'service is ignored without dc', search: '?service=api', want: DEFAULT_URL_STATE },
    { desc: 'service is ignored with an empty dc', search: '?dc=&service=api', want: DEFAULT_URL_STATE },
    { desc: 'a focus view', search: '?dc=eu&service=api', want: state({ dc: 'eu', service: 'api' }) },
    { desc: 'the first of repeated parameters wins', search: '?dc=eu&dc=us', want: state({ dc: 'eu' }) },
    { desc: 'view=table', search: '?view=table', want: state({ view: 'table' }) },
    { desc: 'an unknown view is the map', search: '?view=chart', want: DEFAULT_URL_STATE },
    { desc: 'view is case-sensitive', search: '?view=TABLE', want: DEFAULT_URL_STATE },
    { desc: 'an edge', search: '?edge=web+-%3E+api', want: state({ edge: ['web', 'api'] }) },
    { desc: 'an edge written by hand, unencoded', search: '?edge=web -> api', want: state({ edge: ['web', 'api'] }) },
    { desc: 'an edge survives without dc (global view edges)', search: '?edge=INTERNET+-%3E+eu', want: state({ edge: ['INTERNET', 'eu'] }) },
  ];
  it.each(cases)('$desc', ({ search, want }) => {
    expect(decodeUrlState(search)).toEqual(want);
  });

  it.each([
    { desc: 'empty', edge: '' },
    { desc: 'no separator', edge: 'web' },
    { desc: '"->" without spaces', edge: 'web->api' },
    { desc: 'a dash without ">"', edge: 'web - api' },
    { desc: 'no source', edge: ' -> api' },
    { desc: 'no target', edge: 'web -> ' },
    { desc: 'only the separator', edge: ' -> ' },
  ])('a malformed edge is ignored: $desc', ({ edge }) => {
    const search = `?dc=eu&edge=${encodeURIComponent(edge)}&view=table`;
    expect(decodeUrlState(search)).toEqual(state({ dc: 'eu', view: 'table' }));
  });
});

describe('toRendererView', () => {
  it.each([
    { desc: 'global', state: DEFAULT_URL_STATE, want: [] },
    { desc: 'a datacenter', state: state({ dc: 'eu' }), want: ['eu'] },
    { desc: 'a focus view', state: state({ dc: 'eu', service: 'api' }), want: ['eu', 'api'] },
    { desc: 'the edge and the table do not change the view', state: state({ dc: 'eu', edge: ['a', 'b'], view: 'table' }), want: ['eu'] },
    { desc: 'a service without a datacenter is the global view', state: state({ service: 'api' }), want: [] },
  ])('$desc', ({ state: s, want }) => {
    expect(toRendererView(s)).toEqual(want);
  });

  it('is the view of the decoded URL', () => {
    expect(toRendererView(decodeUrlState('?service=api&dc=eu%20west'))).toEqual(['eu west', 'api']);
  });
});
