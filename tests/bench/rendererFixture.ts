/**
 * Synthetic data for the renderer benchmark: a cluster with many Pods and a run with many packets in
 * flight at once, plus a stand-in KubeTrafficApi that serves them. The engine is not involved: this
 * measures drawing only. Deterministic (a small LCG, no Math.random).
 */
import type { Page } from '@playwright/test';
import type { ClusterSnapshot, KubeTrafficApi, RequestChoices } from '../../src/api/contract';
import type { PacketEvent, Trace, TraceRun } from '../../src/model/trace';
import { toComponentId } from '../../src/model/componentId';

export interface FakeData {
  snapshot: ClusterSnapshot;
  choices: RequestChoices;
  run: TraceRun;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticCluster(podCount = 500, flows = 200, workers = 8): FakeData {
  const rand = lcg(42);
  const nodes: ClusterSnapshot['nodes'] = [];
  for (let i = 0; i <= workers; i++) {
    const name = i === 0 ? 'k8s-master' : `k8s-node${i}`;
    nodes.push({
      name,
      ip: `192.168.64.${30 + i}`,
      podCIDR: `10.244.${i}.0/24`,
      roles: i === 0 ? ['control-plane'] : [],
      labels: { 'kubernetes.io/hostname': name },
      allocatable: { cpu: 8000, memory: 16 * 1024 ** 3, pods: 110 },
      taints: i === 0 ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
      unschedulable: false,
    });
  }
  const apps = 10;
  const pods: ClusterSnapshot['pods'] = [];
  for (let i = 0; i < podCount; i++) {
    const app = `web-${i % apps}`;
    const w = 1 + (i % workers);
    pods.push({
      name: `${app}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`,
      namespace: 'default',
      node: `k8s-node${w}`,
      ip: `10.244.${w}.${2 + Math.floor(i / workers)}`,
      phase: 'Running',
      ready: true,
      status: 'Running',
      labels: { app, tier: 'frontend' },
      owner: `ReplicaSet/${app}-7d9f8c6b5`,
      containers: [{ name: 'app', image: 'kubetm/app', ports: [{ containerPort: 8080, protocol: 'TCP' }], state: 'running' }],
      schedule: {
        node: `k8s-node${w}`,
        rejected: { 'k8s-master': 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }' },
        scores: {},
      },
    });
  }
  const services: ClusterSnapshot['services'] = [];
  for (let a = 0; a < apps; a++) {
    const app = `web-${a}`;
    services.push({
      name: `svc-${app}`,
      namespace: 'default',
      type: a === 0 ? 'NodePort' : 'ClusterIP',
      clusterIP: `10.96.${a}.10`,
      externalIP: null,
      selector: { app },
      sessionAffinity: 'None',
      ports: [{ port: 9000, targetPort: 8080, protocol: 'TCP', ...(a === 0 ? { nodePort: 30000 } : {}) }],
      endpoints: pods.filter((p) => p.labels.app === app).map((p) => ({ pod: p.name, ip: p.ip!, node: p.node!, ready: true })),
    });
  }
  const snapshot: ClusterSnapshot = {
    nodes,
    pods,
    services,
    objects: [],
    diagnostics: [],
    revision: 1,
    folder: '/synthetic/500-pods',
    clock: 3600,
    settings: {
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      proxyMode: 'iptables',
      loadBalancer: 'none',
      seed: 1,
      externalClientIP: '192.168.64.1',
      cni: 'flannel',
      networkPolicyEnforced: false,
      externalHosts: [],
    },
    events: [],
    networkPolicies: [],
    podPolicies: {},
    ingress: { ingresses: [], controllers: {} },
  };

  // The flows start 1 µs apart and every hop takes 300 µs, so from t = 200 µs to t ≈ 1.2 ms all of
  // them are in flight together.
  const events: PacketEvent[] = [];
  const traces: Trace[] = [];
  let seq = 0;
  for (let f = 0; f < flows; f++) {
    const pod = pods[Math.floor(rand() * pods.length)]!;
    const entry = nodes[1 + Math.floor(rand() * workers)]!.name;
    const svc = services[0]!;
    const hops: [string, PacketEvent['action'], string | undefined][] = [
      ['client', 'send', undefined],
      [`node/${entry}`, 'forward', entry],
      [`svc/${svc.name}`, 'dnat', entry],
      [`node/${pod.node}`, 'decap', pod.node!],
      [`pod/${pod.name}`, 'deliver', pod.node!],
    ];
    let t = f;
    let from: string | undefined;
    hops.forEach(([at, action, node], h) => {
      const dst = action === 'dnat' || h > 2 ? `${pod.ip}:8080` : `192.168.64.31:30000`;
      events.push({
        seq: seq++,
        time: t + 20,
        arrive: t,
        packetId: `f${f}-req`,
        flowId: f,
        direction: 'request',
        hopIndex: h,
        at: toComponentId(at),
        from: from === undefined ? undefined : toComponentId(from),
        node,
        action,
        packet: { src: '192.168.64.1:40000', dst, protocol: 'TCP', flags: 'SYN' },
        changed: action === 'dnat' ? ['dst'] : [],
        explanation: `${action} at ${at}`,
        refs: [],
        ...(h === hops.length - 1 ? { outcome: 'delivered' as const } : {}),
      });
      from = at;
      t += 300;
    });
    traces.push({ outcome: 'delivered', reason: 'delivered', pod: pod.name, node: pod.node!, hops: [] });
  }
  const run: TraceRun = {
    request: { from: 'external', to: 'node/k8s-node1:30000', count: flows },
    traces,
    events,
    duration: Math.max(...events.map((e) => e.time)),
  };
  const choices: RequestChoices = {
    sources: [{ id: 'external', label: 'External client' }],
    targets: [{ id: 'node/k8s-node1:30000', label: 'k8s-node1:30000 (svc-web-0)', group: 'NodePort' }],
  };
  return { snapshot, choices, run };
}

/**
 * Installs a KubeTrafficApi serving `data` as window.kubeTraffic. Self-contained (no imports, no
 * closures) because Playwright serialises it into the page with addInitScript.
 */
export function installFakeApi(data: FakeData): void {
  const api: KubeTrafficApi = {
    getSnapshot: async () => data.snapshot,
    getChoices: async () => data.choices,
    sendRequest: async () => ({ ok: true, value: data.run }),
    matchSelector: async () => ({ ok: true, value: [] }),
    getReachability: async () => ({ ok: false, error: 'not available in the benchmark' }),
    operate: async () => ({ ok: true, value: data.snapshot }),
    openFolder: async () => ({ ok: false, error: 'not available in the benchmark' }),
    getRecentFolders: async () => [],
    readSource: async () => ({ ok: false, error: 'not available in the benchmark' }),
    getScenarios: async () => ({ saved: [], lessons: [], problems: [] }),
    saveScenario: async () => ({ ok: false, error: 'not available in the benchmark' }),
    deleteScenario: async () => ({ ok: false, error: 'not available in the benchmark' }),
    saveFile: async () => ({ ok: false, error: 'not available in the benchmark' }),
    onSnapshot: () => () => undefined,
  };
  (window as unknown as { kubeTraffic: KubeTrafficApi }).kubeTraffic = api;
}

/**
 * The frame scenes' page: 500 Pods served by the stand-in API, each in a card of its own (the worst
 * case; replicas are grouped by default above 40 Pods). Returns how many Pod cards are drawn.
 */
export async function openEveryPod(page: Page, url: string): Promise<number> {
  await page.addInitScript(installFakeApi, syntheticCluster(500, 200));
  await page.goto(url);
  const group = page.getByRole('button', { name: 'Group replicas' });
  await group.waitFor({ timeout: 20_000 });
  if ((await group.getAttribute('aria-pressed')) === 'true') await group.click();
  await page.waitForFunction(() => document.querySelectorAll('[role="group"][aria-label^="Pod "]').length >= 500, undefined, {
    timeout: 20_000,
  });
  return page.locator('[role="group"][aria-label^="Pod "]').count();
}

/** The session's first run plays by itself (App.tsx); a later one waits for Play. */
export async function playIfPaused(page: Page): Promise<void> {
  const play = page.getByRole('button', { name: 'Play' });
  if (await play.isVisible()) await play.click();
}
