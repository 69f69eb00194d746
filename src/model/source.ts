/** Where something came from in the user's folder. `file` is relative to the folder; line/column 1-based. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** A source position with a human label, e.g. `externalTrafficPolicy: Local` — what a verdict points at. */
export interface LabelledRef extends SourceRef {
  /** Kubernetes field path, e.g. `spec.ports[0].targetPort`. */
  path?: string;
  /** What the line says / why it matters, e.g. `externalTrafficPolicy: Local`. */
  label: string;
}

/** A diagnostic as the CLI contract prints it: API-server words plus file, line and column. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  /** Field path inside the object, API-server style: `spec.ports[0].port`. */
  path?: string;
  message: string;
  /** The object it is about, when there is one. */
  kind?: string;
  name?: string;
  namespace?: string;
}
