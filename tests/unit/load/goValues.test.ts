import { describe, expect, it } from 'vitest';
import { goQuote, goStringMap, renderValue } from '../../../src/load/fieldErrors';
import { errors, load, pod, service } from './helpers';

const containers = '- name: c\n  image: x';

describe("bad values as the API server prints them (field.Error's ErrorBody)", () => {
  it('strings %q, numbers bare, slices and maps %#v', () => {
    expect(renderValue('foo')).toBe('"foo"');
    expect(renderValue(70000)).toBe('70000');
    expect(renderValue(['10.0.0.5', '10.0.0.6'])).toBe('[]string{"10.0.0.5", "10.0.0.6"}');
    expect(renderValue(goStringMap({ tier: 'web', app: 'a' }))).toBe('map[string]string{"app":"a", "tier":"web"}');
    // strconv.Quote escapes what is not printable, keeps what is.
    expect(goQuote('a\tb\u0001c\u00a0d é 日本')).toBe('"a\\tb\\x01c\\u00a0d é 日本"');
  });
});

describe('Service fields v1.31 validates', () => {
  const errs = (spec: string, meta = '') => {
    const text = service('web', spec).replace('  name: web\n', `  name: web\n${meta}`);
    return errors(load(text)).map((e) => e.message);
  };

  it('sessionAffinityConfig is forbidden with sessionAffinity None', () => {
    expect(errs('sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\nports:\n- port: 80')).toEqual([
      'spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None',
    ]);
    expect(errs('sessionAffinity: ClientIP\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\nports:\n- port: 80')).toEqual([]);
  });

  it('trafficDistribution: PreferClose only', () => {
    expect(errs('trafficDistribution: PreferClose\nports:\n- port: 80')).toEqual([]);
    expect(errs('trafficDistribution: PreferSameNode\nports:\n- port: 80')).toEqual([
      'spec.trafficDistribution: Unsupported value: "PreferSameNode": supported values: "PreferClose"',
    ]);
  });

  it('the load-balancer-source-ranges annotation: LoadBalancer Services only, each range a CIDR', () => {
    const ann = (v: string) => `  annotations:\n    service.beta.kubernetes.io/load-balancer-source-ranges: "${v}"\n`;
    expect(errs('type: NodePort\nports:\n- port: 80', ann('10.0.0.0/8'))).toEqual([
      "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]);
    expect(errs('type: LoadBalancer\nports:\n- port: 80', ann('10.0.0.0/8, 300.1.1.1/32'))).toEqual([
      'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "300.1.1.1/32": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(errs('type: LoadBalancer\nports:\n- port: 80', ann('10.0.0.0/8, 192.168.64.0/24'))).toEqual([]);
  });
});

describe('Pod fields v1.31 validates', () => {
  it('node affinity values must be label values (required and preferred terms)', () => {
    const spec =
      'affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: zone, operator: In, values: ["eu west"]}\n' +
      '    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 1\n      preference:\n        matchExpressions:\n        - {key: disk, operator: NotIn, values: [ssd, "-x"]}\n' +
      `containers:\n${containers}`;
    const msgs = errors(load(pod('p', spec))).map((e) => e.message);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(
      /^spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values\[0\]: Invalid value: "eu west": a valid label must be/,
    );
    expect(msgs[1]).toMatch(
      /^spec\.affinity\.nodeAffinity\.preferredDuringSchedulingIgnoredDuringExecution\[0\]\.preference\.matchExpressions\[0\]\.values\[1\]: Invalid value: "-x": a valid label must be/,
    );
  });

  it('controller.kubernetes.io/pod-deletion-cost must be an int32 without sign or leading zeros', () => {
    const withCost = (v: string) =>
      errors(load(pod('p', `containers:\n${containers}`, `annotations:\n  controller.kubernetes.io/pod-deletion-cost: "${v}"`))).map(
        (e) => e.message,
      );
    for (const ok of ['0', '-5', '2147483647', '-2147483648', '-007']) expect(withCost(ok)).toEqual([]);
    for (const bad of ['+5', '007', '2147483648', 'high', '']) {
      expect(withCost(bad)).toEqual([
        `metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: ${JSON.stringify(bad)}: must be a 32bit integer`,
      ]);
    }
  });
});
