/**
 * Render counters for the panels that must not re-render per animation frame: a test (or a person in
 * the devtools console) reads `window.__kubeTrafficRenders` and compares it with the frames drawn.
 */
const counts: Record<string, number> = {};
(globalThis as { __kubeTrafficRenders?: Record<string, number> }).__kubeTrafficRenders = counts;

export function countRender(name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}
