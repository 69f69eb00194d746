/** Usage errors (exit status 2) and the help texts. */

/** A mistake in how the command was called: printed as `error: …`, exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` to point at, when there is one. */
    readonly command?: string,
    /** Print the message as is (kubectl's own "Error from server …" lines) instead of `error: …`. */
    readonly verbatim = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const ROOT_HELP = `kube-traffic turns a folder of Kubernetes manifests into a simulated kubeadm + flannel cluster
(kube-proxy in iptables mode) and traces requests through it hop by hop.

Usage:
  kube-traffic load DIR [--json] [--seed N]
  kube-traffic get KIND DIR [NAME...] [-o wide] [-l SELECTOR] [-n NAMESPACE | -A] [--seed N]
  kube-traffic trace DIR --from SOURCE --to TARGET [--count N] [--seed N] [--json]

Commands:
  load    The whole cluster: nodes, pods, services, objects and diagnostics
  get     The table 'kubectl get' prints (pods, services, nodes, endpoints)
  trace   Send requests and show every hop, NAT rewrite, verdict and the way back

Flags:
  -h, --help      Help for kube-traffic or a command
      --version   Print the version
      --seed N    Seed for every random choice (IPs, names, endpoint picks); default 1

Exit status: 0 when the command ran (manifest errors are data), 2 for a usage error,
1 for an internal failure. Same folder and seed, same output, byte for byte.
Use "kube-traffic COMMAND --help" for more about a command.
`;

export const LOAD_HELP = `Load a folder of manifests and describe the simulated cluster.

Usage:
  kube-traffic load DIR [--json] [--seed N]

Without --json: a summary (objects by kind) and every diagnostic as
  file:line:col: error: path: message
With --json: one JSON document with nodes, pods (with the scheduler's reasons and scores),
services (with endpoints), objects and diagnostics.

Flags:
      --json      Print the cluster as one JSON document
      --seed N    Seed for every random choice; default 1
  -h, --help      Help for load
`;

export const GET_HELP = `Display the table 'kubectl get' prints for the simulated cluster.

Usage:
  kube-traffic get KIND DIR [NAME...] [-o wide] [-l SELECTOR] [-n NAMESPACE | -A] [--seed N]

KIND: pods (po), services (svc), nodes (no), endpoints (ep).

Examples:
  kube-traffic get pods DIR -o wide
  kube-traffic get svc DIR -n kube-system
  kube-traffic get pods DIR -A -l 'app in (web,api),tier!=cache'

Flags:
  -o, --output wide          Show more columns (IP, NODE, SELECTOR, …)
  -l, --selector SELECTOR    Label selector: key=value, key!=value, key in (a,b), key notin (a), key, !key
  -n, --namespace NAMESPACE  Namespace to list (default "default")
  -A, --all-namespaces       List every namespace, with a NAMESPACE column
      --seed N               Seed for every random choice; default 1
  -h, --help                 Help for get
`;

export const TRACE_HELP = `Send requests through the simulated cluster and show each hop.

Usage:
  kube-traffic trace DIR --from SOURCE --to TARGET [--count N] [--seed N] [--json]

SOURCE: external | node/NAME | pod/NAME | pod/NAMESPACE/NAME
TARGET: IP:PORT | svc/NAME:PORT | node/NAME:PORT | pod/NAME:PORT | lb/NAME:PORT
        (the service port for svc/ and lb/, the node port for node/)

Each hop shows the packet's addresses as they leave it, so DNAT and SNAT are visible, then the
outcome (delivered, refused, dropped, timeout, unreachable), its reason, and the response path.

Flags:
      --from SOURCE   Where the request starts
      --to TARGET     Where it is sent
      --count N       Send N requests in order from the same client (JSON: {"traces": [...]})
      --json          Print JSON instead of tables
      --seed N        Seed for every random choice; default 1
  -h, --help          Help for trace
`;
