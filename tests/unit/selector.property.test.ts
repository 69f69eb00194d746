/** Laws of label selectors, over generated keys, values and label sets. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesSelector, parseSelector, selectorToString } from '../../src/util/selector';

const alnum = fc.constantFrom(...'abcxyz019'.split(''));
const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/),
  fc.tuple(fc.stringMatching(/^[a-z]{1,5}\.(io|com)$/), fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/)).map(([p, n]) => `${p}/${n}`),
);
const value = fc.oneof(
  fc.constant(''),
  fc.array(alnum, { minLength: 1, maxLength: 5 }).map((a) => a.join('')),
);
const keys = ['app', 'tier', 'env', 'example.io/role'];
const labels = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 });
const requirement = fc.oneof(
  fc.tuple(fc.constantFrom(...keys), value).map(([k, v]) => `${k}=${v}`),
  fc.tuple(fc.constantFrom(...keys), value).map(([k, v]) => `${k}!=${v}`),
  fc.tuple(fc.constantFrom(...keys), fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => `${k} in (${vs.join(',')})`),
  fc.tuple(fc.constantFrom(...keys), fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => `${k} notin (${vs.join(',')})`),
  fc.constantFrom(...keys),
  fc.constantFrom(...keys).map((k) => `!${k}`),
);
const m = (sel: string, l: Record<string, string>): boolean => matchesSelector(parseSelector(sel), l);

describe('label selector laws', () => {
  it('valid keys and values always parse', () => {
    fc.assert(fc.property(key, value, (k, v) => parseSelector(`${k}=${v}`).length === 1));
  });

  it('printing and re-parsing selects the same objects', () => {
    fc.assert(
      fc.property(fc.array(requirement, { minLength: 1, maxLength: 4 }), labels, (reqs, l) => {
        const sel = reqs.join(',');
        expect(m(selectorToString(parseSelector(sel)), l)).toBe(m(sel, l));
      }),
    );
  });

  it('a comma is AND', () => {
    fc.assert(fc.property(requirement, requirement, labels, (a, b, l) => m(`${a},${b}`, l) === (m(a, l) && m(b, l))));
  });

  it('!= is the complement of =, notin of in, !key of key (missing keys included)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), value, fc.array(value, { minLength: 1, maxLength: 3 }), labels, (k, v, vs, l) => {
        expect(m(`${k}!=${v}`, l)).toBe(!m(`${k}=${v}`, l));
        expect(m(`${k} notin (${vs.join(',')})`, l)).toBe(!m(`${k} in (${vs.join(',')})`, l));
        expect(m(`!${k}`, l)).toBe(!m(k, l));
      }),
    );
  });
});
