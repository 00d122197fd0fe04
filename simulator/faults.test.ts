import { describe, expect, it } from 'vitest';
import { checkFault, parseFaultFlag, scrapeDownFor } from './faults.ts';
import { parseArgs } from './args.ts';

describe('parseFaultFlag', () => {
  const cases = [
    { desc: 'errors', flag: 'errors:checkout:0.3', fault: { kind: 'errors', service: 'checkout', share: 0.3 } },
    { desc: 'errors in one datacenter', flag: 'errors:checkout:0.3:eu-west', fault: { kind: 'errors', service: 'checkout', share: 0.3, datacenter: 'eu-west' } },
    { desc: 'latency', flag: 'latency:search:4', fault: { kind: 'latency', service: 'search', factor: 4 } },
    { desc: 'link-down', flag: 'link-down:us-east:eu-west:0.5', fault: { kind: 'link-down', fromDc: 'us-east', toDc: 'eu-west', share: 0.5 } },
    { desc: 'drop', flag: 'drop:checkout:0.1', fault: { kind: 'drop', service: 'checkout', share: 0.1 } },
    { desc: 'drop in one datacenter', flag: 'drop:checkout:0:us-east', fault: { kind: 'drop', service: 'checkout', share: 0, datacenter: 'us-east' } },
    { desc: 'scrape-down, every instance', flag: 'scrape-down:cart', fault: { kind: 'scrape-down', service: 'cart' } },
    { desc: 'scrape-down of one instance, 503', flag: 'scrape-down:cart:eu-west:1:503', fault: { kind: 'scrape-down', service: 'cart', datacenter: 'eu-west', instance: 1, mode: '503' } },
  ];
  for (const c of cases) it(c.desc, () => expect(parseFaultFlag(c.flag)).toEqual(c.fault));

  const bad = [
    { desc: 'unknown kind', flag: 'boom:x', message: 'expected errors:' },
    { desc: 'share not a number', flag: 'errors:checkout:lots', message: 'expected a number for the share' },
    { desc: 'share above 1', flag: 'errors:checkout:3', message: '"share" between 0 and 1' },
    { desc: 'no service', flag: 'latency::3', message: '"service" to be a non-empty string' },
    { desc: 'drop without a share', flag: 'drop:checkout', message: 'expected a number for the share of traffic left (0..1)' },
    { desc: 'drop share above 1', flag: 'drop:checkout:1.5', message: '"share" between 0 and 1' },
    { desc: 'drop without a service', flag: 'drop::0.5', message: '"service" to be a non-empty string' },
  ];
  for (const c of bad) it(`rejects ${c.desc}`, () => expect(() => parseFaultFlag(c.flag)).toThrow(c.message));
});

describe('checkFault / scrapeDownFor', () => {
  it('accepts a drop from JSON (the control endpoint)', () => expect(checkFault({ kind: 'drop', service: 'cart', share: 0.2 })).toEqual({ kind: 'drop', service: 'cart', share: 0.2 }));
  it('rejects a drop with a share as text', () => expect(() => checkFault({ kind: 'drop', service: 'cart', share: '20%' })).toThrow('"share" between 0 and 1'));
  it('rejects a bad mode', () => expect(() => checkFault({ kind: 'scrape-down', service: 'a', mode: 'slow' })).toThrow('"mode"'));
  it('matches by service, datacenter and instance', () => {
    const faults = [checkFault({ kind: 'scrape-down', service: 'cart', datacenter: 'eu-west', instance: 1 })];
    expect(scrapeDownFor(faults, { service: 'cart', datacenter: 'eu-west', instance: 1 })).toBeDefined();
    expect(scrapeDownFor(faults, { service: 'cart', datacenter: 'eu-west', instance: 0 })).toBeUndefined();
    expect(scrapeDownFor(faults, { service: 'cart', datacenter: 'us-east', instance: 1 })).toBeUndefined();
  });
});

describe('parseArgs', () => {
  it('reads the flags', () => {
    expect(parseArgs(['--port', '0', '--datacenters=eu-west', '--schedule', 'off', '--speed', '10', '--fault', 'errors:checkout:0.3'])).toEqual({
      help: false,
      options: { port: 0, datacenters: ['eu-west'], schedule: false, speed: 10, faults: [{ kind: 'errors', service: 'checkout', share: 0.3 }] },
    });
  });
  it('defaults to port 9400', () => expect(parseArgs([])).toEqual({ help: false, options: { port: 9400 } }));
  it('rejects unknown flags', () => expect(() => parseArgs(['--nope'])).toThrow('unknown option --nope'));
  it('--peer-names dns', () => expect(parseArgs(['--convention', 'micrometer', '--peer-names', 'dns'])).toEqual({ help: false, options: { port: 9400, convention: 'micrometer', peerNames: 'dns' } }));
  it('--peer-names: name or dns only', () => expect(() => parseArgs(['--peer-names', 'fqdn'])).toThrow('--peer-names: expected name or dns, got "fqdn"'));
});
