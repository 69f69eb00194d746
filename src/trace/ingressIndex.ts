/**
 * The ingress-nginx controllers of a cluster and the Ingresses each serves. A controller is a running
 * Pod of ingress-nginx's image; it serves the IngressClasses whose spec.controller is its
 * `--controller-class` (default k8s.io/ingress-nginx), Ingresses that name its `--ingress-class` in the
 * deprecated annotation, and — with `--watch-ingress-without-class` — Ingresses of no class.
 */
import { addonIngressClasses, INGRESS_NGINX_CONTROLLER } from '../cluster/addons';
import type { Cluster, PodState } from '../model/cluster';
import { INGRESS_CLASS_ANNOTATION, type IngressClassState, type IngressState } from '../model/ingress';

const CONTROLLER_IMAGES = ['registry.k8s.io/ingress-nginx/controller', 'k8s.gcr.io/ingress-nginx/controller'];

export interface IngressController {
  pod: PodState;
  /** Ingresses this controller routes, in the folder's order. */
  ingresses: IngressState[];
  /** The http and https container ports nginx listens on. */
  httpPort: number;
  httpsPort: number;
}

export class IngressIndex {
  readonly classes: readonly IngressClassState[];
  private readonly controllers = new Map<PodState, IngressController | null>();

  constructor(private readonly c: Cluster) {
    const own = c.ingressClasses ?? [];
    this.classes = [...own, ...addonIngressClasses(c.settings).filter((a) => !own.some((o) => o.name === a.name))];
  }

  /** The controller a Pod runs, or null when it runs none. */
  controllerOf(pod: PodState): IngressController | null {
    let ctl = this.controllers.get(pod);
    if (ctl === undefined) this.controllers.set(pod, (ctl = this.build(pod)));
    return ctl;
  }

  private build(pod: PodState): IngressController | null {
    const spec = pod.spec.containers.find((ct) =>
      CONTROLLER_IMAGES.some((img) => ct.image === img || ct.image.startsWith(`${img}:`) || ct.image.startsWith(`${img}@`)),
    );
    if (!spec) return null;
    const args = [...(spec.command ?? []), ...(spec.args ?? [])];
    const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const controllerClass = flag('controller-class') ?? INGRESS_NGINX_CONTROLLER;
    const annotationClass = flag('ingress-class') ?? 'nginx';
    const withoutClass = args.includes('--watch-ingress-without-class') || flag('watch-ingress-without-class') === 'true';
    const served = new Set(this.classes.filter((k) => k.controller === controllerClass).map((k) => k.name));
    const ingresses = (this.c.ingresses ?? []).filter((ing) => {
      const annotated = ing.annotations[INGRESS_CLASS_ANNOTATION];
      if (annotated !== undefined) return annotated === annotationClass;
      // The loader already resolved the class as the DefaultIngressClass admission plugin would.
      return ing.ingressClassName !== undefined ? served.has(ing.ingressClassName) : withoutClass;
    });
    const port = (name: string, fallback: number): number => spec.ports.find((p) => p.name === name)?.containerPort ?? fallback;
    return { pod, ingresses, httpPort: port('http', 80), httpsPort: port('https', 443) };
  }
}
