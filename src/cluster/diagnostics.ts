/** Diagnostics raised while building the cluster, pointing at the manifest line they are about. */
import type { Diagnostic, SourceRef } from '../model/source';
import type { Locator } from '../model/objects';

interface Located {
  kind: string;
  metadata: { name: string; namespace: string };
  locate: Locator;
}

export function objectDiagnostic(object: Located, severity: Diagnostic['severity'], path: string | undefined, message: string): Diagnostic {
  const at: SourceRef = path ? object.locate(path) : object.locate('');
  const d: Diagnostic = {
    severity,
    file: at.file,
    line: at.line,
    column: at.column,
    message,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
  };
  if (path) d.path = path;
  return d;
}

/** Where built-in objects (kubeadm, flannel) "come from": no file in the folder. */
export const BUILT_IN_SOURCE: SourceRef = { file: '', line: 0, column: 0 };
