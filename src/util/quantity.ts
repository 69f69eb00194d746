/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource):
 *   <quantity> ::= <signedNumber><suffix>, suffix ∈ Ki Mi Gi Ti Pi Ei | n u m "" k M G T P E | e<signedNumber>
 * Values are kept exactly (BigInt) and rounded up to milli-units, as the API server's defaulting does
 * (SetDefaults_ResourceList rounds every quantity up to milli scale).
 */

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Exact value × 1000, rounded up (towards +∞) to an integer. */
  milli: bigint;
  format: QuantityFormat;
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SPLIT_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** Parses a quantity as the API server decodes it (a JSON number is read from its text). */
export function parseQuantity(input: string | number): QuantityResult {
  const text = typeof input === 'number' ? numberText(input) : input;
  const m = SPLIT_RE.exec(text);
  if (!m || text.length === 0) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const numPart = m[1] as string;
  const suffix = m[2] as string;
  const num = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(numPart);
  if (!num || (num[2] === '' && (num[3] ?? '') === '')) return { ok: false, error: QUANTITY_NUMERIC_ERROR };
  const negative = num[1] === '-';
  const intDigits = num[2] ?? '';
  const fracDigits = num[3] ?? '';
  const digits = BigInt((intDigits + fracDigits).replace(/^0+(?=\d)/, '') || '0');
  let format: QuantityFormat;
  let num10 = 0; // power of ten
  let num2 = 0; // power of two
  if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    num2 = BINARY_SUFFIX[suffix] as number;
  } else if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    num10 = DECIMAL_SUFFIX[suffix] as number;
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    num10 = Number(suffix.slice(1));
    if (Math.abs(num10) > 1000) return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  } else {
    return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  }
  // value × 1000 = digits × 2^num2 × 10^(num10 − fracLen + 3)
  const exp10 = num10 - fracDigits.length + 3;
  let numerator = digits * (1n << BigInt(num2));
  let denominator = 1n;
  if (exp10 >= 0) numerator *= 10n ** BigInt(exp10);
  else denominator = 10n ** BigInt(-exp10);
  let milli = numerator / denominator;
  if (negative)
    milli = -milli; // truncation towards zero is rounding up for negatives
  else if (numerator % denominator !== 0n) milli += 1n;
  return { ok: true, quantity: { milli, format } };
}

function numberText(n: number): string {
  // JSON numbers like 1e+21 keep their exponent; the quantity grammar accepts "1e+21".
  return String(n);
}

/** Value in whole units, rounded up (Quantity.Value()). */
export function quantityValue(q: Quantity): number {
  const whole = q.milli / 1000n;
  const up = q.milli > 0n && q.milli % 1000n !== 0n ? whole + 1n : whole;
  return Number(up);
}

/** Value in milli-units (Quantity.MilliValue()). */
export function quantityMilli(q: Quantity): number {
  return Number(q.milli);
}

/** What the engine stores for a resource: cpu in millicores, anything else in whole units (bytes, pods…). */
export function resourceAmount(resource: string, q: Quantity): number {
  return resource === 'cpu' ? quantityMilli(q) : quantityValue(q);
}

/** Quantity.String(): the canonical form the API server echoes back in messages ("500m", "1Gi", "2"). */
export function formatQuantity(q: Quantity): string {
  const { milli } = q;
  if (milli === 0n) return '0';
  const sign = milli < 0n ? '-' : '';
  const abs = milli < 0n ? -milli : milli;
  if (q.format === 'BinarySI' && abs % 1000n === 0n) {
    const units = abs / 1000n;
    if (units >= 1024n) {
      const suffixes = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
      let value = units;
      let i = -1;
      while (i < suffixes.length - 1 && value % 1024n === 0n) {
        value /= 1024n;
        i++;
      }
      if (i >= 0) return `${sign}${value}${suffixes[i]}`;
    }
  }
  // DecimalSI: the largest suffix that leaves an integer mantissa.
  const decimal: [bigint, string][] = [
    [10n ** 21n, 'E'],
    [10n ** 18n, 'P'],
    [10n ** 15n, 'T'],
    [10n ** 12n, 'G'],
    [10n ** 9n, 'M'],
    [10n ** 6n, 'k'],
    [10n ** 3n, ''],
  ];
  for (const [scale, suffix] of decimal) {
    if (abs % scale === 0n) return `${sign}${abs / scale}${suffix}`;
  }
  return `${sign}${abs}m`;
}

/** Standard resources counted in whole objects (helper.standardIntegerResources). */
export const STANDARD_INTEGER_RESOURCES: ReadonlySet<string> = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

/** Resources whose quantities must be whole numbers (helper.IsIntegerResourceName). */
export function isIntegerResourceName(name: string): boolean {
  return STANDARD_INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** Extended resources (e.g. `nvidia.com/gpu`): prefixed, not in the kubernetes.io domain, not `requests.*`. */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  const prefix = name.slice(0, name.indexOf('/'));
  return !(prefix === 'kubernetes.io' || prefix.endsWith('.kubernetes.io'));
}
