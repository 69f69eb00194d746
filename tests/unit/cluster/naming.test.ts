import { describe, expect, test } from 'vitest';
import { computeHash, fnv32a, randomSuffix, safeEncodeString, SAFE_ALPHABET } from '../../../src/cluster/naming';
import { Rng } from '../../../src/util/rng';

describe('generated names', () => {
  test('FNV-32a matches the published test vectors', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  test('SafeEncodeString maps each byte into the vowel-free alphabet (digits become 4-9, b, c, d, f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  test('pod-template-hash: stable for one template, different for another, ≤ 10 safe characters', () => {
    const t1 = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    const t2 = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const h = computeHash(t1);
    expect(computeHash(JSON.parse(JSON.stringify(t1)))).toBe(h);
    expect(computeHash(t2)).not.toBe(h);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
  });

  test('key order does not change the hash (canonical template)', () => {
    expect(computeHash({ a: 1, b: { c: 2, d: 3 } })).toBe(computeHash({ b: { d: 3, c: 2 }, a: 1 }));
  });

  test('name suffixes are 5 characters of the same alphabet', () => {
    const rng = new Rng(42);
    for (let i = 0; i < 50; i++) {
      const s = randomSuffix(rng);
      expect(s).toHaveLength(5);
      for (const ch of s) expect(SAFE_ALPHABET).toContain(ch);
    }
  });
});
