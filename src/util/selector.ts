/**
 * kubectl's label-selector syntax (`-l 'env in (prod,qa),tier!=frontend,!canary'`), ported from
 * apimachinery pkg/labels/selector.go: the same lexer, the same grammar, the same validation and
 * the same error messages, so a user sees what `kubectl get -l` would tell them.
 */
import { isQualifiedName, isValidLabelValue } from './validation';

export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  /** Sorted and de-duplicated, as apimachinery's sets.String.List() gives them. */
  values: string[];
}

/** An invalid selector; `message` is apimachinery's text (what follows "Error from server (BadRequest): …: "). */
export class SelectorParseError extends Error {
  override name = 'SelectorParseError';
}

// ---------------------------------------------------------------------------------------------
// Lexer (selector.go Lexer): identifiers are runs of anything but whitespace and = ! ( ) , > <.

enum Tok {
  Error = 0,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: Record<string, Tok> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};

interface Scanned {
  tok: Tok;
  lit: string;
}

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);
const tokenOf = (s: string): Tok | undefined => (Object.prototype.hasOwnProperty.call(STRING_TO_TOKEN, s) ? STRING_TO_TOKEN[s] : undefined);

function lex(s: string): Scanned[] {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : '');
  const out: Scanned[] = [];
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    if (ch === '') {
      out.push({ tok: Tok.EndOfString, lit: '' });
      return out;
    }
    pos--;
    if (isSpecial(ch)) {
      // Longest operator made of special symbols ("!=" beats "!").
      let buffer = '';
      let last: Scanned | null = null;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (!isSpecial(c)) {
          pos--;
          break;
        }
        buffer += c;
        const t = tokenOf(buffer);
        if (t !== undefined) last = { tok: t, lit: buffer };
        else if (last) {
          pos--;
          break;
        }
      }
      out.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buffer += c;
      }
      const t = tokenOf(buffer);
      out.push({ tok: t ?? Tok.Identifier, lit: buffer });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation: the same label key/value rules (and words) the loader applies to manifests.

/** field.Invalid(path, value, detail).Error(); a nil path prints as "<nil>". */
const invalid = (path: string, value: string, detail: string): string => `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

/** utilerrors aggregate: one message as is, several de-duplicated inside brackets. */
function aggregate(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Parser (selector.go Parser): recursive descent over the scanned tokens.

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private position = 0;

  constructor(private readonly items: Scanned[]) {}

  /** In a value position, the keywords `in` and `notin` are plain identifiers. */
  private look(values: boolean): Scanned {
    const it = this.items[this.position];
    return values && (it.tok === Tok.In || it.tok === Tok.NotIn) ? { tok: Tok.Identifier, lit: it.lit } : it;
  }

  private next(values: boolean): Scanned {
    const it = this.look(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === Tok.Identifier || tok === Tok.DoesNotExist) {
        let r: Requirement;
        try {
          r = this.requirement();
        } catch (e) {
          throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const t = this.next(true);
        if (t.tok === Tok.EndOfString) return reqs;
        if (t.tok === Tok.Comma) {
          const t2 = this.look(true);
          if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
            throw new SelectorParseError(`found '${t2.lit}', expected: identifier after ','`);
          }
        } else throw new SelectorParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
      } else if (tok === Tok.EndOfString) return reqs;
      else throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private requirement(): Requirement {
    // parseKeyAndInferOperator
    let notExists = false;
    let t = this.next(true);
    if (t.tok === Tok.DoesNotExist) {
      notExists = true;
      t = this.next(true);
    }
    if (t.tok !== Tok.Identifier) throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new Error(invalid('<nil>', key, keyErrs.join('; ')));
    const after = this.look(true).tok;
    if (notExists || after === Tok.EndOfString || after === Tok.Comma) {
      // "!key" followed by an operator is caught by the caller (found '=', expected ',' …).
      return { key, operator: notExists ? '!' : 'exists', values: [] };
    }
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return newRequirement(key, op, values);
  }

  private operator(): SelectorOperator {
    const { tok, lit } = this.next(false);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  private setValues(): Set<string> {
    const open = this.next(true);
    if (open.tok !== Tok.OpenPar) throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    if (tok === Tok.Identifier || tok === Tok.Comma) {
      const s = this.identifiersList();
      if (this.next(true).tok !== Tok.ClosedPar) throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === Tok.ClosedPar) {
      this.next(true);
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  /** A comma-separated, possibly empty, list of possibly empty values: "(a,,b)", "(,)". */
  private identifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === Tok.Identifier) {
        s.add(lit);
        const t2 = this.look(true);
        if (t2.tok === Tok.Comma) continue;
        if (t2.tok === Tok.ClosedPar) return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (s.size === 0) s.add('');
        const t2 = this.look(true).tok;
        if (t2 === Tok.ClosedPar) {
          s.add('');
          return s;
        }
        if (t2 === Tok.Comma) s.add('');
      } else throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private exactValue(): Set<string> {
    const t = this.look(true).tok;
    if (t === Tok.EndOfString || t === Tok.Comma) return new Set(['']);
    const { tok, lit } = this.next(true);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** NewRequirement: validates the values (and gt/lt integers) with apimachinery's field paths. */
function newRequirement(key: string, operator: SelectorOperator, valueSet: Set<string>): Requirement {
  const values = [...valueSet].sort(compareStrings);
  const errs: string[] = [];
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
        errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
    });
  }
  values.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalid(`values[${i}][${key}]`, v, ve.join('; ')));
  });
  if (errs.length) throw new Error(aggregate(errs));
  return { key, operator, values };
}

/** Byte-wise order, as Go's sort.Strings (never locale-dependent). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Parse a selector; throws SelectorParseError with apimachinery's message. "" selects everything. */
export function parseSelector(text: string): Requirement[] {
  const reqs = new Parser(lex(text)).parse();
  // sort.Sort(ByKey(items)) for a deterministic selector; a stable sort keeps equal keys in input order.
  return reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareStrings(a.r.key, b.r.key) || a.i - b.i)
    .map((x) => x.r);
}

/** Requirement.Matches: `!=` and `notin` also match objects without the key. */
export function requirementMatches(req: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return has && req.values.includes(value as string);
    case 'notin':
    case '!=':
      return !has || !req.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(value as string) || req.values.length !== 1) return false;
      const lv = Number(value);
      const rv = Number(req.values[0]);
      return req.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

/** All requirements hold (comma means AND; an empty selector matches everything). */
export function matchesSelector(reqs: readonly Requirement[], labels: Readonly<Record<string, string>>): boolean {
  return reqs.every((r) => requirementMatches(r, labels));
}

/** Requirement.String(), joined by commas: the canonical form kubectl shows. */
export function selectorToString(reqs: readonly Requirement[]): string {
  return reqs
    .map((r) => {
      const vals = r.values.join(',');
      switch (r.operator) {
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case 'in':
          return `${r.key} in (${vals})`;
        case 'notin':
          return `${r.key} notin (${vals})`;
        case 'gt':
          return `${r.key}>${vals}`;
        case 'lt':
          return `${r.key}<${vals}`;
        default:
          return `${r.key}${r.operator}${vals}`;
      }
    })
    .join(',');
}
