/**
 * The label-selector grammar and matching, against cases from apimachinery's own selector_test.go
 * and error texts seen from real API servers.
 */
import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector, SelectorParseError, selectorToString } from '../../src/util/selector';

const matches = (sel: string, labels: Record<string, string>): boolean => matchesSelector(parseSelector(sel), labels);
const errorOf = (sel: string): string => {
  try {
    parseSelector(sel);
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorParseError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(sel)} to be rejected`);
};

describe('label selector: what parses', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    'accepts %j and prints it back without spaces',
    (sel) => {
      expect(selectorToString(parseSelector(sel))).toBe(sel.replace(/ /g, ''));
    },
  );

  it.each([
    '\rx',
    'this-is-a-dns.domain.com/key-with-dash',
    'this-is-another-dns.domain.com/key-with-dash in (so,what)',
    '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)',
    'foo  in\t (abc)',
    'x notin\n (abc)',
    'x in (abc,)',
    'x in ()',
    'notin=in',
    'env in (prod,qa),tier!=frontend',
  ])('accepts %j', (sel) => {
    expect(() => parseSelector(sel)).not.toThrow();
  });

  it.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x=a,', ',x', 'x in (a', 'x in a', 'a b'])('rejects %j', (sel) => {
    expect(() => parseSelector(sel)).toThrow(SelectorParseError);
  });

  it('orders requirements by key, so equivalent selectors print the same', () => {
    expect(selectorToString(parseSelector('x=a,a=x'))).toBe(selectorToString(parseSelector('a=x,x=a')));
    expect(selectorToString(parseSelector('x notin (abc,def),bar,z in (),w'))).toBe('bar,w,x notin (abc,def),z in ()');
  });

  it('keeps empty values of a set: "(abc,)" holds "" and "abc"', () => {
    expect(parseSelector('x in (abc,)')[0].values).toEqual(['', 'abc']);
  });
});

describe('label selector: matching', () => {
  it('equality and inequality', () => {
    expect(matches('x=y', { x: 'y' })).toBe(true);
    expect(matches('x==y', { x: 'y' })).toBe(true);
    expect(matches('x=y', { x: 'z' })).toBe(false);
    expect(matches('x=z', {})).toBe(false);
    expect(matches('x!=y,z!=w', { x: 'z', z: 'a' })).toBe(true);
    expect(matches('x!=y,z!=w', { x: 'z', z: 'w' })).toBe(false);
  });

  it('!= and notin also match objects that do not have the key at all', () => {
    expect(matches('tier!=frontend', { app: 'web' })).toBe(true);
    expect(matches('env notin (prod)', { app: 'web' })).toBe(true);
    expect(matches('env in (prod)', { app: 'web' })).toBe(false);
  });

  it('existence: key and !key', () => {
    expect(matches('x', { x: 'z' })).toBe(true);
    expect(matches('x', { y: 'z' })).toBe(false);
    expect(matches('!x', { y: 'z' })).toBe(true);
    expect(matches('!x', { x: 'z' })).toBe(false);
  });

  it('set membership', () => {
    expect(matches('env in (prod,qa)', { env: 'qa' })).toBe(true);
    expect(matches('env in (prod,qa)', { env: 'dev' })).toBe(false);
    expect(matches('env notin (prod,qa)', { env: 'dev' })).toBe(true);
    expect(matches('x in ()', { x: '' })).toBe(true);
    expect(matches('x in ()', { y: 'baz' })).toBe(false);
  });

  it('a comma is AND, there is no OR', () => {
    const labels = { foo: 'bar', baz: 'blah' };
    expect(matches('foo=bar,baz=blah', labels)).toBe(true);
    expect(matches('foo=bar,foobar=bar,baz=blah', labels)).toBe(false);
  });

  it('numeric gt / lt compare integers, and never match a non-number', () => {
    expect(matches('x>1', { x: '2' })).toBe(true);
    expect(matches('x>1', { x: '0' })).toBe(false);
    expect(matches('x<1', { x: '0' })).toBe(true);
    expect(matches('z>1', { z: 'v2' })).toBe(false);
  });

  it('the empty selector matches everything; in/notin are values after an operator', () => {
    expect(matches('', { a: 'b' })).toBe(true);
    expect(matches('notin=in', { notin: 'in' })).toBe(true);
  });
});

describe("label selector: the API server's error messages", () => {
  const NAME_PART =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
    "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  it('a key with a colon (app:monolith), as a real cluster words it', () => {
    expect(errorOf('app:monolith')).toBe(`unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART}`);
  });

  it('a key with too many slashes', () => {
    expect(errorOf('a/b/c ?=? def')).toBe(
      'unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, ' +
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
        "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
  });

  it('a prefix that is not a lowercase DNS subdomain', () => {
    expect(errorOf('app.kubernetes_io/name=x')).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io\/name": prefix part a lowercase RFC 1123 subdomain must consist of/,
    );
  });

  it('a value that is too long names the value and its key', () => {
    expect(errorOf(`good-key=${'z'.repeat(64)}`)).toBe(
      `unable to parse requirement: values[0][good-key]: Invalid value: "${'z'.repeat(64)}": must be no more than 63 characters`,
    );
  });

  it('a value with a space inside a set', () => {
    expect(errorOf('env in (a b)')).toBe("unable to parse requirement: found 'b', expected: ',' or ')'");
  });

  it('structural errors', () => {
    expect(errorOf('x=a,')).toBe("found '', expected: identifier after ','");
    expect(errorOf('x=a y')).toBe("found 'y', expected: ',' or 'end of string'");
    expect(errorOf('=a')).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(errorOf('x in a')).toBe("unable to parse requirement: found 'a' expected: '('");
    expect(errorOf('x<a')).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });
});
