/**
 * Cluster add-ons from the settings object, created with the cluster like kubeadm's own objects.
 * `ingress-nginx` is what `minikube addons enable ingress` installs (minikube's
 * deploy/addons/ingress/ingress-deploy.yaml.tmpl): the controller Deployment in namespace
 * ingress-nginx with hostPorts 80 and 443, and Service `ingress-nginx-controller` — LoadBalancer where
 * a load-balancer provider exists, NodePort otherwise. Its IngressClass `nginx` is the default class.
 */
import type { ClusterAddon, ClusterSettings } from '../model/cluster';
import type { IngressClassState } from '../model/ingress';
import type { LoadedWorkload } from '../model/objects';
import { container, linux, podSpec, service, workload } from './builtins';
import { BUILT_IN_SOURCE } from './diagnostics';
import type { ServiceInput } from './serviceInput';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
const CONTROLLER_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.11.2';
const MI = 1024 * 1024;

const controllerLabels = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};

export interface AddonObjects {
  workloads: LoadedWorkload[];
  services: ServiceInput[];
}

export function addonObjects(settings: ClusterSettings, addons: readonly ClusterAddon[] = settings.addons): AddonObjects {
  const out: AddonObjects = { workloads: [], services: [] };
  if (addons.includes('ingress-nginx')) {
    out.workloads.push(ingressNginxController());
    out.services.push(ingressNginxService(settings));
  }
  return out;
}

/** The IngressClasses add-ons bring: `nginx`, the default class, with ingress-nginx. */
export function addonIngressClasses(settings: ClusterSettings): IngressClassState[] {
  return settings.addons.includes('ingress-nginx')
    ? [{ name: 'nginx', controller: INGRESS_NGINX_CONTROLLER, isDefault: true, source: BUILT_IN_SOURCE }]
    : [];
}

function ingressNginxController(): LoadedWorkload {
  return workload('Deployment', 'ingress-nginx-controller', INGRESS_NGINX_NAMESPACE, controllerLabels, {
    replicas: 1,
    podLabels: { ...controllerLabels, 'gcp-auth-skip-secret': 'true' },
    pod: podSpec(
      [
        {
          ...container('controller', CONTROLLER_IMAGE, {
            cpu: 100,
            memory: 90 * MI,
            ports: [
              { name: 'http', containerPort: 80, protocol: 'TCP', hostPort: 80 },
              { name: 'https', containerPort: 443, protocol: 'TCP', hostPort: 443 },
              { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
            ],
            readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' } },
          }),
          args: [
            '/nginx-ingress-controller',
            '--election-id=ingress-nginx-leader',
            `--controller-class=${INGRESS_NGINX_CONTROLLER}`,
            '--watch-ingress-without-class=true',
            '--ingress-class=nginx',
            '--publish-status-address=localhost',
          ],
        },
      ],
      { nodeSelector: { ...linux } },
    ),
  });
}

function ingressNginxService(settings: ClusterSettings): ServiceInput {
  return service('ingress-nginx-controller', INGRESS_NGINX_NAMESPACE, controllerLabels, {
    type: settings.loadBalancer.provider === 'none' ? 'NodePort' : 'LoadBalancer',
    externalTrafficPolicy: 'Cluster',
    selector: { ...controllerLabels },
    ports: [
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' },
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 'https' },
    ],
  });
}
