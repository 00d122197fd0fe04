import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelValue, sampleText } from '../app/__fixtures__/hostileArbitraries.ts';
import { createPrometheusClient } from './client.ts';
import { PrometheusError } from './errors.ts';
import { checkQueryData } from './validate.ts';

/** Property tests of the API answer checks and the one fetch wrapper, on hostile bodies. */

const labels = fc.array(fc.tuple(labelValue, labelValue), { maxLength: 6 }).map((e) => Object.fromEntries(e));
const goodVector = fc.array(fc.record({ metric: labels, value: fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), sampleText) }), { maxLength: 20 })
  .map((result) => ({ resultType: 'vector', result }));
const goodMatrix = fc.array(fc.record({ metric: labels, values: fc.array(fc.tuple(fc.integer(), sampleText), { maxLength: 5 }) }), { maxLength: 10 })
  .map((result) => ({ resultType: 'matrix', result }));

describe('checkQueryData', () => {
  it('never throws, on any JSON value or JS value', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (data) => {
      const checked = checkQueryData(data);
      expect(typeof checked.ok).toBe('boolean');
      if (!checked.ok) expect(checked.reason.length).toBeGreaterThan(0);
    }), { numRuns: 1000 });
  });

  it('accepts every well-formed vector and matrix, hostile labels and value texts included, through JSON', () => {
    fc.assert(fc.property(fc.oneof(goodVector, goodMatrix), (data) => {
      const checked = checkQueryData(JSON.parse(JSON.stringify(data)));
      expect(checked.ok).toBe(true);
    }), { numRuns: 500 });
  });

  it('one broken series anywhere is found, and named by its index', () => {
    const breakage = fc.constantFrom<(s: Record<string, unknown>) => void>(
      (s) => { s.value = [1, 2]; }, (s) => { s.value = ['1', '2']; }, (s) => { s.value = [1]; }, (s) => { delete s.value; },
      (s) => { s.metric = { a: 1 }; }, (s) => { s.metric = null; }, (s) => { s.metric = ['x']; }, (s) => { s.histogram = [1, {}]; delete s.value; },
    );
    fc.assert(fc.property(goodVector.filter((d) => d.result.length > 0), fc.nat(), breakage, (data, at, breakIt) => {
      const copy = JSON.parse(JSON.stringify(data)) as { result: Record<string, unknown>[] };
      const i = at % copy.result.length;
      breakIt(copy.result[i] as Record<string, unknown>);
      const checked = checkQueryData(copy);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.reason).toContain(`series ${i} `);
    }), { numRuns: 500 });
  });
});

describe('apiRequest: any answer is data or a PrometheusError', () => {
  const body = fc.oneof(
    fc.string({ unit: 'binary' }), fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.constantFrom('<!DOCTYPE html><html>login</html>', '{"status":"success","data":{"resultType":"vec', '{"status":"error"}', '', 'null', '[]'),
    fc.tuple(fc.oneof(goodVector, goodMatrix), fc.constantFrom('success', 'error')).map(([data, status]) => JSON.stringify({ status, data })),
  );
  const status = fc.constantFrom(200, 204, 400, 401, 403, 404, 422, 500, 502, 503);

  it('never rejects with anything but a PrometheusError, whose message is one readable line', async () => {
    await fc.assert(fc.asyncProperty(body, status, async (text, code) => {
      const fetch: typeof globalThis.fetch = async () => new Response(code === 204 ? null : text, { status: code });
      const client = createPrometheusClient({ baseUrl: 'http://p.test', timeoutMs: 1000, fetch });
      try {
        const answer = await client.query('up');
        expect(['vector', 'matrix', 'scalar', 'string']).toContain(answer.data.resultType);
      } catch (e) {
        expect(e).toBeInstanceOf(PrometheusError);
        expect((e as Error).message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 300 });
  });

  it('a body over the size cap fails as "answer too large", streamed or declared', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4096 }), fc.boolean(), async (max, extra, declare) => {
      const text = `{"status":"success","data":{"resultType":"vector","result":[]}}${' '.repeat(max + extra)}`;
      const headers = declare ? { 'content-length': String(text.length) } : undefined;
      const fetch: typeof globalThis.fetch = async () => new Response(text, { status: 200, ...(headers ? { headers } : {}) });
      const client = createPrometheusClient({ baseUrl: 'http://p.test', timeoutMs: 1000, fetch, maxBodyBytes: max });
      await expect(client.query('up')).rejects.toMatchObject({ kind: 'parse', message: expect.stringMatching(/^answer too large/) });
    }), { numRuns: 100 });
  });

  it('a body within the cap is read whole, multi-byte characters split across chunks included', async () => {
    await fc.assert(fc.asyncProperty(labelValue, fc.integer({ min: 1, max: 7 }), async (value, chunk) => {
      const text = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { service: value }, value: [1, '1'] }] } });
      const bytes = new TextEncoder().encode(text);
      const stream = new ReadableStream<Uint8Array>({
        start(c) { for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk)); c.close(); },
      });
      const client = createPrometheusClient({ baseUrl: 'http://p.test', timeoutMs: 1000, fetch: async () => new Response(stream), maxBodyBytes: bytes.length });
      const answer = await client.query('up');
      expect(answer.data.resultType === 'vector' && answer.data.result[0]?.metric.service).toBe(JSON.parse(text).data.result[0].metric.service);
    }), { numRuns: 200 });
  });
});
