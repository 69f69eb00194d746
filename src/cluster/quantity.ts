/**
 * Kubernetes resource quantities as written in the simulator settings (`cpu: "1500m"`,
 * `memory: 4Gi`). Manifests arrive already parsed by the loader; only ClusterSettings.nodes
 * carries raw quantities.
 */
const SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
};

function parseQuantity(raw: string | number): { value: number; milli: boolean } | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? { value: raw, milli: false } : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?\s*$/.exec(raw);
  if (!m) return null;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix === 'm') return { value: n / 1000, milli: true };
  return { value: n * SUFFIX[suffix], milli: false };
}

/** CPU in millicores ("2" → 2000, "1500m" → 1500); null when malformed. */
export function parseCpuMillis(raw: string | number): number | null {
  const q = parseQuantity(raw);
  return q ? Math.round(q.value * 1000) : null;
}

/** Memory in bytes ("4Gi" → 4294967296); null when malformed. */
export function parseBytes(raw: string | number): number | null {
  const q = parseQuantity(raw);
  return q && !q.milli ? Math.round(q.value) : null;
}
