/**
 * Every limit the simulator puts on what a folder can make it do, in one place, so README, tests and
 * code use the same numbers. Folders come from other people (a tutorial's repository, a chart's
 * output); each budget is far above what a hand-written or generated manifest folder needs and far
 * below what would freeze or kill the app. Crossing one costs only the offending file, document or
 * object, with a diagnostic at its file:line: everything else still loads.
 */

const MiB = 1024 * 1024;

/** Bytes read from one file, counted while reading (a /proc file's size says 0). The file is skipped. */
export const MAX_FILE_BYTES = 10 * MiB;

/** Bytes read from one folder, all files together. Files past it are not read. */
export const MAX_FOLDER_BYTES = 64 * MiB;

/** Directory entries looked at while walking a folder (someone opened `/`). The walk stops there. */
export const MAX_FOLDER_ENTRIES = 100_000;

/**
 * Nesting depth of a YAML or JSON document, aliases expanded. go-yaml stops at 10000; the YAML
 * composer and every walk over a decoded object recurse, and would run out of stack long before that.
 */
export const MAX_YAML_DEPTH = 200;

/** Documents in one file (an empty one between two `---` counts). The rest of the file is not read. */
export const MAX_DOCUMENTS_PER_FILE = 5_000;

/**
 * Bytes that a file's aliases expand to, all aliases together ("billion laughs": a small file
 * whose aliases expand to gigabytes). Documents whose aliases go past it are skipped.
 */
export const MAX_ALIAS_EXPANSION_BYTES = 1 * MiB;

/** Aliases in one file: resolving each one walks the document's anchors, so their cost grows with the square. */
export const MAX_ALIASES_PER_FILE = 10_000;

/** Objects in one folder (documents and `kind: List` items). Those past it are skipped. */
export const MAX_OBJECTS_PER_FOLDER = 10_000;

/**
 * Containers in one Pod or Pod template, in each of `containers` and `initContainers`. The API server
 * sets no such number: only the size of the object does (etcd's 1.5 MiB request limit, tens of
 * thousands of containers). The object is refused: `Too many: 600: must have at most 250 items`.
 */
export const MAX_CONTAINERS_PER_POD = 250;

/** Pods one workload asks for: `replicas`, a Job's `completions` and `parallelism`. The workload is refused. */
export const MAX_PODS_PER_WORKLOAD = 1_000;

/**
 * Pods in the whole cluster, kube-system's included: above Kubernetes' own scalability threshold
 * (150,000 Pods on 5,000 nodes, plus those nodes' DaemonSet Pods), so any real cluster fits;
 * `npm run bench` builds that cluster. Controllers stop creating, as under a quota; the engine
 * worker's time budget bounds what a folder near it costs.
 */
export const MAX_PODS_PER_CLUSTER = 200_000;

/** Diagnostics listed for one object; the rest are counted in one closing line. */
export const MAX_DIAGNOSTICS_PER_OBJECT = 50;

/** A size as people read it: `10.0 MiB`, or `600 bytes` under a MiB. */
export function formatBytes(bytes: number): string {
  return bytes < MiB ? `${bytes} bytes` : `${(bytes / MiB).toFixed(1)} MiB`;
}
