/** The JUnit report's escaping: any reason or name must leave well-formed XML. */
import { describe, expect, it } from 'vitest';
import { xmlEscape } from '../../../cli/junit';

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    expect(xmlEscape(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  });

  it('drops what XML 1.0 cannot carry (control characters, lone surrogates) and keeps the rest', () => {
    expect(xmlEscape('tab\tnewline\nbell\u0007nul\u0000 \uD800x \uDC00y → 🚀')).toBe('tab\tnewline\nbellnul x y → 🚀');
  });
});
