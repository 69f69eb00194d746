/** Small helpers for loader tests: load inline manifests the way a folder would be loaded. */
import { loadManifests } from '../../../src/load';
import type {
  LoadedNode,
  LoadedObject,
  LoadedOther,
  LoadedPod,
  LoadedService,
  LoadedSettings,
  LoadedWorkload,
  LoadResult,
  WorkloadKind,
} from '../../../src/model/objects';
import type { Diagnostic } from '../../../src/model/source';

/** Loads files given as { path: text }; a bare string is one file named `m.yaml`. */
export function load(files: string | Record<string, string>): LoadResult {
  const map = typeof files === 'string' ? { 'm.yaml': files } : files;
  return loadManifests(Object.entries(map).map(([path, text]) => ({ path, text })));
}

export function errors(r: LoadResult): Diagnostic[] {
  return r.diagnostics.filter((d) => d.severity === 'error');
}

export function warnings(r: LoadResult): Diagnostic[] {
  return r.diagnostics.filter((d) => d.severity === 'warning');
}

export function messages(r: LoadResult, severity: 'error' | 'warning' = 'error'): string[] {
  return r.diagnostics.filter((d) => d.severity === severity).map((d) => d.message);
}

type ByKind<K extends string> = K extends 'Pod'
  ? LoadedPod
  : K extends 'Service'
    ? LoadedService
    : K extends 'Node'
      ? LoadedNode
      : K extends WorkloadKind
        ? LoadedWorkload
        : K extends 'ClusterSettings'
          ? LoadedSettings
          : LoadedOther;

/** The loaded object of that kind and name; throws (showing the diagnostics) when it was not loaded. */
export function find<K extends string>(r: LoadResult, kind: K, name: string): ByKind<K> {
  const o: LoadedObject | undefined = r.objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} not loaded; diagnostics: ${JSON.stringify(r.diagnostics)}`);
  return o as ByKind<K>;
}

/** A minimal valid Service with the given spec lines (indented under `spec:`). */
export function service(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${indent(spec, 2)}\n`;
}

/** A minimal Pod with the given spec lines. */
export function pod(name: string, spec: string, extraMeta = ''): string {
  const meta = extraMeta ? `${indent(extraMeta, 2)}\n` : '';
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${meta}spec:\n${indent(spec, 2)}\n`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => pad + l)
    .join('\n');
}
