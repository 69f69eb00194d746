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
  kube-traffic reach DIR [--from SELECTOR] [--to SELECTOR] [--port PORT[/PROTO]] [--seed N] [--json]
  kube-traffic test DIR EXPECTATIONS.yaml [--junit FILE] [--seed N]
  kube-traffic dig DIR NAME [A|AAAA|SRV|PTR] | -x ADDR [--host] [--seed N] [--json]

Commands:
  load    The whole cluster: nodes, pods, services, objects and diagnostics
  get     The table 'kubectl get' prints (pods, services, nodes, endpoints, endpointslices, ingresses)
  trace   Send requests and show every hop, NAT rewrite, verdict and the way back
  reach   The reachability matrix: every Pod against every Service port (or Pod port), one request each
  test    Check connectivity expectations from a YAML file, for CI (exit 1 when one fails)
  dig     One DNS query to kube-dns (CoreDNS) or the host's resolver, answered as the cluster would

Flags:
  -h, --help      Help for kube-traffic or a command
      --version   Print the version
      --seed N    Seed for every random choice (IPs, names, endpoint picks); default 1

Exit status: 0 when the command ran (manifest errors are data), 2 for a usage error,
1 for an internal failure (and for 'test', when an expectation fails). Same folder and seed, same output, byte for byte.
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

KIND: pods (po), services (svc), nodes (no), endpoints (ep), endpointslices, ingresses (ing).

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
  kube-traffic trace DIR --from SOURCE --to TARGET [--count N] [--interval D] [--previous OLD_DIR]
                     [--wait D] [--header H] [--seed N] [--json]

SOURCE: external | node/NAME | pod/NAME | pod/NAMESPACE/NAME
TARGET: IP:PORT | svc/NAME:PORT | node/NAME:PORT | pod/NAME:PORT | lb/NAME:PORT | NAME:PORT
        | http://HOST[:PORT]/PATH | 'curl -H "Host: NAME" http://HOST[:PORT]/PATH'
        (the service port for svc/ and lb/, the node port for node/; a /udp suffix for UDP,
        /sctp for SCTP, e.g. svc/dns:53/udp)

Each hop shows the packet's addresses as they leave it, so DNAT and SNAT are visible, then the
outcome (delivered, refused, dropped, timeout, unreachable, unresolved), its reason, and the
response path. Through an Ingress controller the trace also shows the HTTP request and status.

Flags:
      --from SOURCE   Where the request starts
      --to TARGET     Where it is sent
      --count N       Send N requests in order from the same client (JSON: {"traces": [...]});
                      at most 10000
      --interval D    Simulated time between the requests (1s, 500ms, 3m; default 1s), so a
                      sessionAffinity timeout can run out, grace periods end and rollouts move on
      --previous OLD  Start from OLD's cluster and apply DIR over it as an edit of the folder, so a
                      changed Deployment template starts a rollout (kubectl apply -f DIR)
      --wait D        Let the cluster run for D of simulated time before the first request
  -H, --header H      A request header, as curl's -H (e.g. 'Host: shop.example.com'); may repeat
      --json          Print JSON instead of tables
      --seed N        Seed for every random choice; default 1
  -h, --help          Help for trace
`;

export const REACH_HELP = `Show which Pods can reach which Services (or Pods): one traced request per pair.

Usage:
  kube-traffic reach DIR [--from SELECTOR] [--to SELECTOR] [--port PORT[/PROTO]] [--seed N] [--json]

Rows are the sources: running Pods with an IP that --from picks (a label selector, in every
namespace), or without it every such Pod outside kube-system. Columns are the targets: without
--port, every port of every Service outside kube-system; with --port, the Pods --to picks
(without --to, every Pod outside kube-system) on that port. Ids always carry the namespace:
pod/NS/NAME, svc/NS/NAME:PORT, pod/NS/NAME:PORT (and :PORT/UDP for UDP, :PORT/SCTP for SCTP).

Each pair is traced as 'kube-traffic trace --from SOURCE --to TARGET --seed N' would trace it,
on its own (no state carries from one pair to the next), so the same folder and seed give the
same matrix, and a cell can be explained with trace.

Without --json, the grid marks each pair with its outcome, as the upstream NetworkPolicy e2e
truth tables do:
  . delivered   R refused   X dropped   T timeout   U unreachable   N unresolved
With --json: {"sources": [...], "targets": [...], "outcomes": [[...], ...]} (rows = sources).

Examples:
  kube-traffic reach DIR
  kube-traffic reach DIR --from app=web --json
  kube-traffic reach DIR --to 'app in (db,cache)' --port 5432
  kube-traffic reach DIR --port 53/udp

Flags:
      --from SELECTOR      Label selector for the source Pods (all namespaces)
      --to SELECTOR        Label selector for the target Pods (all namespaces; needs --port)
      --port PORT[/PROTO]  Target Pods on this port (PROTO: TCP, the default, UDP or SCTP: 53/udp, 3868/sctp)
      --json               Print JSON instead of the grid
      --seed N             Seed for every random choice; default 1
  -h, --help               Help for reach
`;

export const TEST_HELP = `Check connectivity expectations against the simulated cluster, for CI.

Usage:
  kube-traffic test DIR EXPECTATIONS.yaml [--junit FILE] [--seed N]

EXPECTATIONS.yaml is a list of entries (at the top level or under "expectations:"):
  - name: web reaches the database     # optional
    from: pod/shop/web-0               # as trace --from takes it
    to: svc/shop/db:5432               # as trace --to takes it
    expect: delivered                  # delivered, refused, dropped, timeout, unreachable, unresolved

Each entry is traced once, on its own, as 'kube-traffic trace' would. The output is TAP:
'ok N - …' for each that holds, 'not ok N - …' with the outcome, the trace's reason and the
entry's FILE:LINE:COL for each that does not.

Exit status: 0 when every expectation holds, 1 when one fails, 2 for a usage error (missing
file, bad YAML, an unknown field or expect value, a from/to the engine cannot read: each
reported as FILE:LINE:COL).

Flags:
      --junit FILE   Also write a JUnit XML report to FILE
      --seed N       Seed for every random choice; default 1
  -h, --help         Help for test
`;

export const DIG_HELP = `Ask the simulated cluster's DNS one question, as dig does (no search path: NAME as given).

Usage:
  kube-traffic dig DIR NAME [TYPE] [--host] [--json] [--seed N]
  kube-traffic dig DIR -x ADDR [--host] [--json] [--seed N]

TYPE is A (default), AAAA, SRV or PTR. The question goes to kube-dns (CoreDNS's kubernetes plugin,
kubeadm's Corefile), or with --host to the host's resolver (what nodes and the external client ask).
  kube-traffic dig DIR web.default.svc.cluster.local
  kube-traffic dig DIR _http._tcp.web.default.svc.cluster.local SRV
  kube-traffic dig DIR -x 10.96.0.10

Flags:
  -x ADDR         Reverse lookup: the PTR record of ADDR (ADDR's in-addr.arpa name)
      --host      Ask the host's resolver instead of kube-dns
      --json      One JSON document: name, type, server, rcode, answers, why
      --seed N    Seed for every random choice; default 1
  -h, --help      Help for dig
`;
