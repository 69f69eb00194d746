import { describe, expect, it } from 'vitest';
import { errors, find, load, messages, warnings } from './helpers';

const POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;

describe('documents, formats and parse errors', () => {
  it('loads every document of a multi-document file, with each object at its own line', () => {
    const r = load(`${POD('a')}---\n${POD('b')}---\n${POD('c')}`);
    expect(r.objects.map((o) => [o.metadata.name, o.source.line])).toEqual([
      ['a', 1],
      ['b', 10],
      ['c', 19],
    ]);
  });

  it('reports a YAML syntax error with file, line and column and still loads the other documents', () => {
    const r = load({
      'broken.yaml': `${POD('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels: [a, b\nspec: {}\n---\n${POD('c')}`,
    });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['a', 'c']);
    const e = errors(r);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ severity: 'error', file: 'broken.yaml' });
    expect(e[0]!.line).toBeGreaterThanOrEqual(14);
    expect(e[0]!.line).toBeLessThanOrEqual(16);
    expect(e[0]!.column).toBeGreaterThanOrEqual(1);
    expect(e[0]!.message).toMatch(/^error converting YAML to JSON: yaml: line \d+: /);
  });

  it('reports duplicate keys the way kubectl does, at the second key', () => {
    const r = load(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: nginx\n    image: busybox\n`,
    );
    expect(messages(r)).toEqual(['error converting YAML to JSON: yaml: unmarshal errors: line 9: key "image" already set in map']);
    expect(errors(r)[0]).toMatchObject({ line: 9, column: 5 });
    expect(r.objects).toHaveLength(0);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const start = Date.now();
    const r = load({ 'bomb.yaml': `${bomb}---\n${POD('survivor')}` });
    expect(Date.now() - start).toBeLessThan(5000);
    expect(messages(r)).toEqual([
      "error converting YAML to JSON: yaml: document contains excessive aliasing: the file's aliases expand to more than 1.0 MiB (the simulator's limit)",
    ]);
    // At the alias that crosses the budget: the third `*e` in `f`, each `*e` being about 400 KB.
    expect(errors(r)[0]).toMatchObject({ file: 'bomb.yaml', line: 11 });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['survivor']);
  });

  it('allows ordinary anchors and aliases', () => {
    const r = load(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: &l {app: web}\nspec:\n  nodeSelector: *l\n  containers:\n  - name: c\n    image: nginx\n`,
    );
    expect(find(r, 'Pod', 'a').spec.nodeSelector).toEqual({ app: 'web' });
  });

  it('reads flow style', () => {
    const r = load(
      `{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}}`,
    );
    expect(find(r, 'Service', 'web').spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
  });

  it('reads JSON files, with positions', () => {
    const json = JSON.stringify(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }, { port: 70000, name: 'b' }] } },
      null,
      2,
    );
    const r = load({
      'svc.json': json.replace('"port": 80,', '"port": 80, "name": "a",').replace('"port": 80\n', '"port": 80, "name": "a"\n'),
    });
    const e = errors(r);
    expect(e.map((d) => d.path)).toContain('spec.ports[1].port');
    const portErr = e.find((d) => d.path === 'spec.ports[1].port')!;
    expect(portErr.file).toBe('svc.json');
    expect(portErr.line).toBe(json.split('\n').findIndex((l) => l.includes('70000')) + 1);
  });

  it('expands kind: List, giving each item its own position', () => {
    const r = load(`apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
  spec:
    ports:
    - port: 80
- apiVersion: v1
  kind: Service
  metadata:
    name: b
  spec:
    ports:
    - port: 99999
`);
    expect(r.objects.map((o) => [o.metadata.name, o.source.line, o.source.column])).toEqual([['a', 4, 3]]);
    expect(errors(r).map((d) => [d.name, d.path, d.line])).toEqual([
      ['b', 'spec.ports[0].port', 17],
      ['b', 'spec.ports[0].targetPort', 17],
    ]);
  });

  it('skips non-Kubernetes YAML with a warning and accepts empty documents silently', () => {
    const r = load({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'chart.yaml': 'apiVersion: v2\nname: mychart\n',
      'empty.yaml': '# nothing here\n---\n---\n',
      'pod.yaml': POD('p'),
    });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['p']);
    expect(errors(r)).toEqual([]);
    expect(warnings(r).map((w) => [w.file, w.message])).toEqual([
      ['compose.yaml', 'skipped: not a Kubernetes object: [apiVersion not set, kind not set]'],
      ['chart.yaml', 'skipped: not a Kubernetes object: [kind not set]'],
    ]);
    expect(r.files).toEqual(['compose.yaml', 'chart.yaml', 'empty.yaml', 'pod.yaml']);
  });

  it('keeps unknown kinds and custom resources as other objects', () => {
    const r = load(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: tools\nspec:\n  size: 3\n',
    );
    const cm = r.objects.find((o) => o.kind === 'ConfigMap');
    expect(cm && 'raw' in cm && cm.raw).toMatchObject({ data: { a: '1' } });
    expect(r.objects.find((o) => o.kind === 'Widget')?.metadata.namespace).toBe('tools');
  });

  it('treats a NUL-containing text as binary and skips it', () => {
    const r = load({ 'bin.yaml': 'apiVersion: v1\u0000\u0001\u0002', 'pod.yaml': POD('p') });
    expect(warnings(r).map((w) => w.file)).toEqual(['bin.yaml']);
    expect(r.objects).toHaveLength(1);
  });

  it('reads YAML 1.1 scalars as go-yaml does (yes is a boolean, 0x1F90 a number)', () => {
    const r = load(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: h\nspec:\n  hostNetwork: yes\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: 0x1F90\n`,
    );
    const p = find(r, 'Pod', 'h');
    expect(p.spec.hostNetwork).toBe(true);
    expect(p.spec.containers[0]!.ports[0]!.containerPort).toBe(8080);
  });
});

describe('namespaces and identity', () => {
  it('gives cluster-scoped objects no namespace, even when the manifest sets one', () => {
    const r = load('apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  namespace: default\n');
    expect(find(r, 'Node', 'n1').metadata.namespace).toBe('');
  });

  it('a second object with the same kind, namespace and name replaces the first, as kubectl apply -f does, with a warning', () => {
    const r = load({
      'a.yaml': POD('web'),
      'b.yaml': POD('web').replace('image: nginx', 'image: nginx:1.27'),
      'c.yaml': POD('web').replace('name: web', 'name: web\n  namespace: other'),
    });
    expect(errors(r)).toEqual([]);
    expect(warnings(r).map((e) => [e.file, e.line, e.message])).toEqual([
      [
        'a.yaml',
        4,
        'pods "web" in namespace "default" is defined again at b.yaml:1: kubectl apply -f applies both in turn, so the later definition replaces this one (a.yaml:1)',
      ],
      ['c.yaml', 5, 'namespaces "other" not found (no Namespace object in the folder; the simulator creates it)'],
    ]);
    expect(r.objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.source.file}`)).toEqual([
      'default/web@b.yaml',
      'other/web@c.yaml',
    ]);
  });

  it('names the resource with its API group (and namespace) in the warning', () => {
    const dep =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: c, image: x}\n';
    const r = load({ 'a.yaml': dep, 'b.yaml': dep });
    expect(messages(r, 'warning')).toContainEqual(
      expect.stringMatching(/^deployments\.apps "web" in namespace "shop" is defined again at b\.yaml:1:/),
    );
  });

  it("the later one is the later in filepath.Walk order (a folder's files where its name falls), or in its file", () => {
    // Sorted as whole paths "a-b.yaml" < "a/x.yaml", but Walk reads the folder "a" before the file "a-b.yaml".
    const r = load({
      'a-b.yaml': POD('web'),
      'a/x.yaml': POD('web'),
      'one.yaml': `${POD('db')}---\n${POD('db').replace('image: nginx', 'image: redis')}`,
    });
    const byName = (n: string) => r.objects.filter((o) => o.metadata.name === n);
    expect(byName('web').map((o) => o.source.file)).toEqual(['a-b.yaml']);
    expect(byName('db').map((o) => [o.source.file, o.source.line])).toEqual([['one.yaml', 10]]);
    expect(messages(r, 'warning')).toEqual([
      expect.stringContaining(
        'pods "web" in namespace "default" is defined again at a-b.yaml:1: kubectl apply -f applies both in turn, so the later definition replaces this one (a/x.yaml:1)',
      ),
      expect.stringContaining('pods "db" in namespace "default" is defined again at one.yaml:10'),
    ]);
  });

  it('an invalid later definition does not replace a valid one (the API server refuses it)', () => {
    const r = load({ 'a.yaml': POD('web'), 'b.yaml': POD('web').replace('image: nginx', 'image: ""') });
    expect(r.objects.map((o) => o.source.file)).toEqual(['a.yaml']);
    expect(errors(r).map((e) => e.file)).toEqual(['b.yaml']);
  });

  it('warns once about a namespace that neither exists nor is defined in the folder', () => {
    const inNs = (n: string) => POD(n).replace(`name: ${n}`, `name: ${n}\n  namespace: shop`);
    const r = load({ 'a.yaml': inNs('a'), 'b.yaml': inNs('b') });
    expect(messages(r, 'warning')).toEqual(['namespaces "shop" not found (no Namespace object in the folder; the simulator creates it)']);
    expect(r.objects).toHaveLength(2);
    const withNs = load({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', 'a.yaml': inNs('a') });
    expect(withNs.diagnostics).toEqual([]);
  });
});
