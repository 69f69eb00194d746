/**
 * `kube-traffic load DIR` without --json: what was loaded, by kind, and every diagnostic in the
 * compiler-style form editors understand (`file:line:col: error: path: message`).
 */
import type { Cluster } from '../model/cluster';
import type { Diagnostic } from '../model/source';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function formatDiagnostic(d: Diagnostic): string {
  // API-server messages often already begin with the field path ("spec.ports[0].port: Invalid value…").
  const path = d.path && !d.message.startsWith(`${d.path}: `) ? `${d.path}: ` : '';
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${path}${d.message}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatLoadSummary(c: Cluster): string {
  const lines: string[] = [];
  const folderPods = c.pods.filter((p) => !p.builtIn);
  const folderSvcs = c.services.filter((s) => !s.builtIn);
  lines.push(`nodes: ${c.nodes.map((n) => n.name).join(', ') || '(none)'}`);
  const scheduled = folderPods.filter((p) => p.nodeName).length;
  lines.push(
    `pods: ${folderPods.length} from the folder (${scheduled} scheduled, ${folderPods.length - scheduled} pending), ` +
      `${c.pods.length - folderPods.length} of the cluster itself`,
  );
  lines.push(`services: ${folderSvcs.length} from the folder, ${c.services.length - folderSvcs.length} of the cluster itself`);

  const counts = new Map<string, number>();
  for (const o of c.objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  lines.push(`objects: ${c.objects.length}`);
  const kinds = [...counts.keys()].sort(byCodeUnit);
  const width = Math.max(0, ...kinds.map((k) => k.length));
  for (const k of kinds) lines.push(`  ${k.padEnd(width)}  ${counts.get(k)}`);

  const errors = c.diagnostics.filter((d) => d.severity === 'error').length;
  lines.push(`diagnostics: ${plural(errors, 'error')}, ${plural(c.diagnostics.length - errors, 'warning')}`);
  for (const d of c.diagnostics) lines.push(formatDiagnostic(d));
  return lines.join('\n') + '\n';
}
