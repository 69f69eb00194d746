import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity, QUANTITY_FORMAT_ERROR, resourceAmount } from '../../../src/util/quantity';

function amount(resource: string, text: string | number): number {
  const q = parseQuantity(text);
  if (!q.ok) throw new Error(q.error);
  return resourceAmount(resource, q.quantity);
}

describe('Kubernetes quantities', () => {
  it.each([
    ['100m', 100],
    ['1.5', 1500],
    ['2', 2000],
    ['0.1', 100],
    ['.5', 500],
    ['1e3', 1_000_000],
    ['250u', 1], // rounded up to the milli scale, as the API server stores it
  ])('cpu %s → %i millicores', (text, milli) => {
    expect(amount('cpu', text)).toBe(milli);
  });

  it.each([
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['123k', 123000],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['100m', 1], // 0.1 byte rounds up to a whole byte
  ])('memory %s → %i bytes', (text, bytes) => {
    expect(amount('memory', text)).toBe(bytes);
  });

  it('reads JSON numbers', () => {
    expect(amount('cpu', 0.25)).toBe(250);
    expect(amount('pods', 110)).toBe(110);
  });

  it.each(['', 'abc', '1.2.3', '512MB', '1 Gi', 'Mi', '--1', '1Ki5'])('rejects %j', (text) => {
    const q = parseQuantity(text);
    expect(q.ok).toBe(false);
  });

  it('gives the format error in the API server words', () => {
    expect(parseQuantity('lots')).toEqual({ ok: false, error: QUANTITY_FORMAT_ERROR });
  });

  it('prints the canonical form the API server echoes', () => {
    const f = (t: string) => {
      const q = parseQuantity(t);
      return q.ok ? formatQuantity(q.quantity) : q.error;
    };
    expect([f('0.5'), f('1000m'), f('1024Mi'), f('1.5'), f('2000k'), f('0')]).toEqual(['500m', '1', '1Gi', '1500m', '2M', '0']);
  });

  it('parses any integer of millicores back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (milli) => {
        expect(amount('cpu', `${milli}m`)).toBe(milli);
        const q = parseQuantity(`${milli}m`);
        expect(q.ok && amount('cpu', formatQuantity(q.quantity))).toBe(milli);
      }),
      { numRuns: 200 },
    );
  });
});
