/** The renderer's label-selector box: which Pods a kubectl selector picks. */
import type { Cluster } from '../model/cluster';
import { objectComponentId } from '../model/componentId';
import { matchesSelector, parseSelector, SelectorParseError } from '../util/selector';

export type MatchResult = { ok: true; value: string[] } | { ok: false; error: string };

/**
 * Pods (all namespaces) whose labels match, as ComponentIds (`pod/NAME` in default,
 * `pod/NS/NAME` elsewhere), sorted; an invalid selector gives apimachinery's message.
 * An empty selector matches every Pod, as `kubectl get pods -l ''` does.
 */
export function matchPods(cluster: Cluster, selector: string): MatchResult {
  let reqs;
  try {
    reqs = parseSelector(selector);
  } catch (e) {
    if (e instanceof SelectorParseError) return { ok: false, error: e.message };
    throw e;
  }
  const ids = cluster.pods
    .filter((p) => matchesSelector(reqs, p.labels))
    .map((p) => objectComponentId('pod', p.namespace, p.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ok: true, value: ids };
}
