/**
 * What well-known images listen on. In Kubernetes `containerPort` is informational: the process in
 * the image decides which ports are open. A container therefore listens on its declared ports plus
 * the ports its image is known to open. Unknown images listen only on what they declare.
 *
 * | image                                   | listens on              |
 * |-----------------------------------------|-------------------------|
 * | kubetm/p8000                            | 8000/TCP                |
 * | kubetm/p8080, kubetm/app, kubetm/init   | 8080/TCP                |
 * | nginx, httpd, caddy, traefik/whoami     | 80/TCP                  |
 * | nginxinc/nginx-unprivileged             | 8080/TCP                |
 * | redis 6379, memcached 11211, mysql/mariadb 3306, postgres 5432, mongo 27017, rabbitmq 5672 |
 * | registry.k8s.io/echoserver (k8s.gcr.io) | 8080/TCP                |
 * | hashicorp/http-echo                     | 5678/TCP (or `-listen=:PORT`) |
 * | gcr.io/google-samples/hello-app         | 8080/TCP                |
 * | kennethreitz/httpbin, mccutchen/go-httpbin | 80/TCP, 8080/TCP     |
 * | tomcat, jenkins/jenkins                 | 8080/TCP                |
 * | cluster components: coredns 53/UDP+TCP, 8080, 8181, 9153; etcd 2379 (127.0.0.1 and the node),
 * |   2380 (the node), 2381 (127.0.0.1); kube-apiserver 6443; kube-controller-manager 10257 (127.0.0.1);
 * |   kube-scheduler 10259 (127.0.0.1); kube-proxy 10249 (127.0.0.1), 10256 |
 * | registry.k8s.io/ingress-nginx/controller | 80, 443, 8443 (webhook), 10254 (healthz), 8181 (default backend) |
 * | busybox, alpine, ubuntu, debian, curlimages/curl, flannel: nothing |
 *
 * The bound addresses are kubeadm's defaults (cmd/kubeadm/app/phases/controlplane/manifests.go and
 * phases/etcd/local.go) and kube-proxy's (metricsBindAddress 127.0.0.1:10249); a container's own
 * `--bind-address` / `--listen-metrics-urls` argument overrides them.
 */
import type { ListenBind } from '../model/cluster';
import type { Protocol } from '../model/k8s';

export interface ListenPort {
  port: number;
  protocol: Protocol;
  /** Bound to fewer than all addresses; absent means 0.0.0.0. */
  bind?: ListenBind;
}

const tcp = (...ports: number[]): ListenPort[] => ports.map((port) => ({ port, protocol: 'TCP' as const }));
const loopbackOnly = (port: number, flag: string): ListenPort => ({ port, protocol: 'TCP', bind: { loopback: true, hostIP: false, flag } });

const CATALOG: Record<string, ListenPort[]> = {
  'kubetm/p8000': tcp(8000),
  'kubetm/p8080': tcp(8080),
  'kubetm/app': tcp(8080),
  'kubetm/init': tcp(8080),
  nginx: tcp(80),
  httpd: tcp(80),
  caddy: tcp(80),
  'traefik/whoami': tcp(80),
  'nginxinc/nginx-unprivileged': tcp(8080),
  redis: tcp(6379),
  memcached: tcp(11211),
  mysql: tcp(3306),
  mariadb: tcp(3306),
  postgres: tcp(5432),
  mongo: tcp(27017),
  rabbitmq: tcp(5672),
  'registry.k8s.io/echoserver': tcp(8080),
  'k8s.gcr.io/echoserver': tcp(8080),
  'gcr.io/google_containers/echoserver': tcp(8080),
  'hashicorp/http-echo': tcp(5678),
  'gcr.io/google-samples/hello-app': tcp(8080),
  'us-docker.pkg.dev/google-samples/containers/gke/hello-app': tcp(8080),
  'kennethreitz/httpbin': tcp(80),
  'mccutchen/go-httpbin': tcp(8080),
  tomcat: tcp(8080),
  'jenkins/jenkins': tcp(8080),
  // nginx's http/https, the admission webhook, /healthz and metrics (--healthz-port), the default backend (--default-backend-port).
  'registry.k8s.io/ingress-nginx/controller': tcp(80, 443, 8443, 10254, 8181),
  'k8s.gcr.io/ingress-nginx/controller': tcp(80, 443, 8443, 10254, 8181),
  'registry.k8s.io/coredns/coredns': [{ port: 53, protocol: 'UDP' }, ...tcp(53, 8080, 8181, 9153)],
  'coredns/coredns': [{ port: 53, protocol: 'UDP' }, ...tcp(53, 8080, 8181, 9153)],
  'registry.k8s.io/etcd': [
    {
      port: 2379,
      protocol: 'TCP',
      bind: { loopback: true, hostIP: true, flag: '--listen-client-urls=https://127.0.0.1:2379,https://<advertise address>:2379' },
    },
    { port: 2380, protocol: 'TCP', bind: { loopback: false, hostIP: true, flag: '--listen-peer-urls=https://<advertise address>:2380' } },
    loopbackOnly(2381, '--listen-metrics-urls=http://127.0.0.1:2381'),
  ],
  'registry.k8s.io/kube-apiserver': tcp(6443),
  'registry.k8s.io/kube-controller-manager': [loopbackOnly(10257, '--bind-address=127.0.0.1')],
  'registry.k8s.io/kube-scheduler': [loopbackOnly(10259, '--bind-address=127.0.0.1')],
  'registry.k8s.io/kube-proxy': [loopbackOnly(10249, 'metricsBindAddress: 127.0.0.1:10249'), ...tcp(10256)],
};

/** Which flag moves which catalog port: `--bind-address` the component's secure port, etcd's metrics URL its 2381. */
const BIND_FLAGS: Record<string, { flag: string; port: number }> = {
  'registry.k8s.io/kube-controller-manager': { flag: 'bind-address', port: 10257 },
  'registry.k8s.io/kube-scheduler': { flag: 'bind-address', port: 10259 },
  'registry.k8s.io/etcd': { flag: 'listen-metrics-urls', port: 2381 },
};

/** `0.0.0.0` / `::` / empty bind everything; 127.0.0.0/8 and localhost are loopback; any other host is the host's own address. */
function bindOf(hosts: string[], flag: string): ListenBind | undefined {
  if (hosts.some((h) => h === '' || h === '0.0.0.0' || h === '::' || h === '[::]')) return undefined;
  const loopback = (h: string): boolean => h.startsWith('127.') || h === 'localhost' || h === '::1' || h === '[::1]';
  return { loopback: hosts.some(loopback), hostIP: !hosts.every(loopback), flag };
}

/** The addresses a `--bind-address=IP` or `--listen-…-urls=URL,URL` argument names, or null when absent. */
function boundHosts(args: string[], flag: string): { hosts: string[]; text: string } | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].trim();
    const m = new RegExp(`^--?${flag}(?:=(.*))?$`).exec(a);
    if (!m) continue;
    const value = (m[1] ?? args[i + 1] ?? '').trim();
    const hosts = value.split(',').map((v) => {
      const url = /^[a-z]+:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(v.trim());
      return (url ? url[1] : v.trim()).toLowerCase();
    });
    return { hosts, text: `--${flag}=${value}` };
  }
  return null;
}

/**
 * The image's repository without registry defaults, tag or digest:
 * `docker.io/library/nginx:1.25` → `nginx`, `registry.k8s.io/echoserver:1.4` → `registry.k8s.io/echoserver`.
 */
export function imageRepository(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) ref = ref.slice(0, colon);
  ref = ref.toLowerCase();
  if (ref.startsWith('docker.io/')) ref = ref.slice('docker.io/'.length);
  else if (ref.startsWith('index.docker.io/')) ref = ref.slice('index.docker.io/'.length);
  if (ref.startsWith('library/')) ref = ref.slice('library/'.length);
  return ref;
}

/** Ports the image opens by itself, or null when the catalog does not know the image. */
export function imagePorts(image: string, args: string[] = []): ListenPort[] | null {
  const repo = imageRepository(image);
  const known = CATALOG[repo];
  if (!known) return null;
  if (repo === 'hashicorp/http-echo') {
    // http-echo listens where `-listen=:PORT` says (default :5678).
    for (const arg of args) {
      const m = /^-{1,2}listen(?:=|\s+)(?:[^:]*):(\d+)$/.exec(arg.trim());
      if (m) return tcp(Number(m[1]));
    }
  }
  const moved = BIND_FLAGS[repo];
  const bound = moved ? boundHosts(args, moved.flag) : null;
  return known.map((p) => {
    if (!bound || !moved || p.port !== moved.port) return { ...p };
    const bind = bindOf(bound.hosts, bound.text);
    return bind ? { ...p, bind } : { port: p.port, protocol: p.protocol };
  });
}
