/**
 * The one API between the engine host (Electron main process, or the browser-mode server) and the
 * renderer. The preload exposes exactly `KubeTrafficApi` as `window.kubeTraffic`; browser mode
 * implements the same interface over HTTP + server-sent events. Types only, plus the channel names.
 * Every payload crossing a process boundary is validated on arrival (see src/api/validate.ts).
 */
import type { LoadJson } from '../view/loadJson';
import type { Outcome, ShownRun } from '../model/trace';
import type { ExternalHost } from '../model/cluster';

/** What the renderer draws: the `kube-traffic load --json` document plus the session's facts. */
export interface ClusterSnapshot extends LoadJson {
  /** Increments on every change (reload, operation), so the view can keep its layout. */
  revision: number;
  /** Absolute folder path shown in the title bar. */
  folder: string;
  /** Simulated seconds since the cluster started. */
  clock: number;
  /** What the simulator assumes (proxy mode, CIDRs, load-balancer provider), for the status bar. */
  settings: {
    podCIDR: string;
    serviceCIDR: string;
    proxyMode: string;
    loadBalancer: string;
    seed: number;
    externalClientIP: string;
    /** The CNI: flannel alone (the default) lists NetworkPolicies; canal (Calico on flannel) enforces them. */
    cni: 'flannel' | 'canal';
    /** Whether the engine enforces NetworkPolicy in this cluster (it says so, so the view never guesses from `cni`). */
    networkPolicyEnforced: boolean;
    /** Hosts outside the cluster (settings.externalHosts), drawn beside the external client. */
    externalHosts: ExternalHost[];
  };
  /** Recent Kubernetes events (Scheduled, FailedScheduling, Killing, SuccessfulCreate…). */
  events: { time: number; type: 'Normal' | 'Warning'; reason: string; object: string; message: string }[];
  /** The folder's NetworkPolicies, by namespace then name. */
  networkPolicies: PolicySummary[];
  /**
   * For each Pod some policy selects (key `pod/NS/NAME`, as objectKey spells it), the policies that
   * isolate it per direction. Under flannel they select it without isolating it:
   * `settings.networkPolicyEnforced` says which. Pods no policy selects are absent.
   */
  podPolicies: Record<string, PodPolicies>;
  /** The folder's Ingresses and the ingress-nginx controllers that route them (the engine's answer). */
  ingress: IngressSnapshot;
}

/** Ingress as the view shows it: who routes what, so the map can mark controllers and list their rules. */
export interface IngressSnapshot {
  /** Every Ingress, by namespace then name. */
  ingresses: IngressSummary[];
  /** For each Pod that runs an ingress-nginx controller (key `pod/NS/NAME`), the rules it routes, in its order. */
  controllers: Record<string, IngressRoute[]>;
}

export interface IngressSummary {
  name: string;
  namespace: string;
  /** Its IngressClass (resolved as the API server would), absent when it has none. */
  className?: string;
  /** Controller Pods (`pod/NS/NAME`) that route it; empty: nothing does. */
  routedBy: string[];
  routes: IngressRoute[];
  /** Hosts with TLS. */
  tlsHosts: string[];
  file: string;
  line: number;
}

/** One path of an Ingress rule (or its defaultBackend), cited where it is written. */
export interface IngressRoute {
  /** `NAME` or `NS/NAME` outside default, as the engine's notes name an Ingress. */
  ingress: string;
  /** Absent: every host. */
  host?: string;
  /** The path, or `*` for the defaultBackend. */
  path: string;
  /** Exact, Prefix, ImplementationSpecific; `default` for the defaultBackend. */
  pathType: string;
  /** `web:80`, `web:http`, or `Kind/name` for a resource backend. */
  backend: string;
  file: string;
  line: number;
}

/** One NetworkPolicy as the view lists it. */
export interface PolicySummary {
  name: string;
  namespace: string;
  policyTypes: ('Ingress' | 'Egress')[];
  /** Its podSelector in one line: `pod=a`, or `every Pod in the namespace ({})`. */
  selects: string;
  /** How many Pods that selector matches now. */
  podCount: number;
  ingressRules: number;
  egressRules: number;
  /** Where the object starts. */
  file: string;
  line: number;
}

/** A policy that selects a Pod, cited where its podSelector is written (the line a trace's verdict cites too). */
export interface PolicyCitation {
  name: string;
  namespace: string;
  file: string;
  line: number;
}

export interface PodPolicies {
  ingress: PolicyCitation[];
  egress: PolicyCitation[];
}

/** What `kube-traffic reach` takes: label selectors for the sources and targets, and a port (then targets are Pods). */
export interface ReachabilityRequest {
  from?: string;
  to?: string;
  /** `PORT` or `PORT/PROTO`; absent: every Service port outside kube-system. */
  port?: string;
}

/** The reachability matrix (`kube-traffic reach --json`), one traced request per (source, target). */
export interface Reachability {
  /** `pod/NS/NAME`. */
  sources: string[];
  /** `pod/NS/NAME:PORT` or `svc/NS/NAME:PORT` (`:PORT/UDP` for UDP): each is a `sendRequest` target as it stands. */
  targets: string[];
  /** `outcomes[i][j]`: sources[i] → targets[j]. */
  outcomes: Outcome[][];
  /** Each cell's trace reason. */
  reasons: string[][];
}

/** Valid request sources and targets, listed by the engine so the renderer never guesses. */
export interface RequestChoices {
  sources: { id: string; label: string }[];
  targets: { id: string; label: string; group: 'Service' | 'DNS name' | 'NodePort' | 'LoadBalancer' | 'Pod' | 'Node' | 'Outside' }[];
  /** The request offered first (a source and a target from the lists above, traced and delivered): absent when none is. */
  suggested?: { from: string; to: string };
}

export type ClusterOperation =
  /**
   * `kubectl delete pod`: the Pod is Terminating for its grace period. With `wait` (kubectl's default,
   * `--wait=true`) the call returns once it is gone, the clock moved on by the grace period.
   */
  | { op: 'deletePod'; namespace: string; name: string; wait?: boolean }
  | { op: 'scale'; kind: string; namespace: string; name: string; replicas: number }
  | { op: 'cordon'; node: string }
  | { op: 'uncordon'; node: string }
  /**
   * `kubectl drain NODE --ignore-daemonsets [--force]`: without force, Pods no controller re-creates block the drain.
   * Evictions honour PodDisruptionBudgets, retried every 5 s; one that can never succeed is an error (kubectl's output).
   */
  | { op: 'drain'; node: string; force?: boolean }
  /** `kubectl apply -f FOLDER`: re-create what the folder declares and the cluster lacks (a deleted bare Pod). */
  | { op: 'apply' }
  | { op: 'reset' };

/** A saved request set (Packet Tracer's scenario): replayed as one Send. */
export interface Scenario {
  name: string;
  /** Source and target as the request bar sends them. */
  from: string;
  to: string;
  count: number;
  /** Seconds between the requests on the simulated clock (absent: the default, 1). */
  intervalSeconds?: number;
  /** The cluster's seed when it was saved (endpoint picks derive from it). */
  seed?: number;
}

/** The open folder's scenarios: those saved in its `kube-traffic.scenarios.yaml`, and its README's lessons. */
export interface Scenarios {
  saved: Scenario[];
  /** The requests of the folder README's lesson table, read-only. */
  lessons: Scenario[];
  /** What was wrong with the scenarios file (the rest still loads). */
  problems: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface KubeTrafficApi {
  /** The current cluster. */
  getSnapshot(): Promise<ClusterSnapshot>;
  /** Sources and targets the user can pick. */
  getChoices(): Promise<RequestChoices>;
  /**
   * Send `count` requests from `from` to `to` (CLI syntax, or `curl IP:PORT` text), `intervalSeconds` apart on the
   * simulated clock; returns the traces' verdicts and their packet events. The cluster's clock moves on with them: what
   * happened meanwhile is in the run's `changes`, and a changed cluster also arrives through onSnapshot.
   */
  sendRequest(req: { from: string; to: string; count: number; intervalSeconds?: number }): Promise<Result<ShownRun>>;
  /** Which pods a kubectl-syntax label selector matches, as ComponentIds (`pod/NAME` in default, `pod/NS/NAME` elsewhere). */
  matchSelector(selector: string): Promise<Result<string[]>>;
  /** The reachability matrix: one request from every source to every target, each on a fresh network state. */
  getReachability(req: ReachabilityRequest): Promise<Result<Reachability>>;
  /** Change the cluster; the new snapshot also arrives through onSnapshot. */
  operate(op: ClusterOperation): Promise<Result<ClusterSnapshot>>;
  /** Open a folder (in Electron, without a path: show the Open Folder dialog). */
  openFolder(path?: string): Promise<Result<ClusterSnapshot>>;
  /** Recently opened folders, newest first. */
  getRecentFolders(): Promise<string[]>;
  /**
   * A file of the open folder, read-only, for the Source view: `file` is folder-relative, as diagnostics
   * and refs cite it. Paths that leave the folder (absolute, `..`, a link pointing out) are refused.
   */
  readSource(file: string): Promise<Result<SourceFile>>;
  /** The open folder's saved scenarios and lessons. */
  getScenarios(): Promise<Scenarios>;
  /** Save (or replace, by name) a scenario in the folder's `kube-traffic.scenarios.yaml`. */
  saveScenario(scenario: Scenario): Promise<Result<Scenarios>>;
  /** Delete a saved scenario by name. */
  deleteScenario(name: string): Promise<Result<Scenarios>>;
  /**
   * Save a file the user made (an exported map or run): Electron asks where with a Save dialog, browser mode
   * downloads it. `saved: false` when the user cancelled the dialog.
   */
  saveFile(file: SaveFileRequest): Promise<Result<SavedFile>>;
  /** Called whenever the cluster changes (folder edited on disk, operation, folder opened). Returns unsubscribe. */
  onSnapshot(listener: (snapshot: ClusterSnapshot) => void): () => void;
  /**
   * Electron only (absent in browser mode): the file-system path of a dropped `File` (webUtils.getPathForFile),
   * so a folder dragged onto the window can be passed to openFolder. '' when the item has no path.
   */
  pathForFile?(file: unknown): string;
  /** Electron only: commands chosen in the native menu that the renderer carries out. Returns unsubscribe. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
}

/** What saveFile writes: a plain file name (no directory) offered to the user, and the bytes. */
export interface SaveFileRequest {
  suggestedName: string;
  /** Text as is, or the bytes in base64 when `encoding` is 'base64' (a PNG). */
  data: string;
  encoding?: 'utf8' | 'base64';
  /** `image/svg+xml`, `image/png`, `application/json`. */
  mimeType: string;
}

/** What saveFile did: where it saved (the chosen name, or the download's), or that the user cancelled. */
export interface SavedFile {
  saved: boolean;
  name: string;
}

/** A file of the open folder as the Source view shows it. */
export interface SourceFile {
  /** Folder-relative, `/`-separated. */
  file: string;
  text: string;
}

/** Native-menu items the renderer handles (Simulation → Play/Pause, Step forward, Step back). */
export type MenuCommand = 'play-pause' | 'step-forward' | 'step-back';
export const MENU_COMMANDS: readonly MenuCommand[] = ['play-pause', 'step-forward', 'step-back'];

/** IPC channel names (Electron) and HTTP routes (browser mode): one per API method. */
export const CHANNELS = {
  getSnapshot: 'kube-traffic:get-snapshot',
  getChoices: 'kube-traffic:get-choices',
  sendRequest: 'kube-traffic:send-request',
  matchSelector: 'kube-traffic:match-selector',
  getReachability: 'kube-traffic:get-reachability',
  operate: 'kube-traffic:operate',
  openFolder: 'kube-traffic:open-folder',
  getRecentFolders: 'kube-traffic:get-recent-folders',
  readSource: 'kube-traffic:read-source',
  getScenarios: 'kube-traffic:get-scenarios',
  saveScenario: 'kube-traffic:save-scenario',
  deleteScenario: 'kube-traffic:delete-scenario',
  saveFile: 'kube-traffic:save-file',
  snapshot: 'kube-traffic:snapshot',
  menuCommand: 'kube-traffic:menu-command',
} as const;
