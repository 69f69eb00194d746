/**
 * API field paths as Kubernetes prints them: `spec.ports[0].targetPort`, `metadata.labels[app]`.
 * A segment is a struct field (string), a list index (number) or a map key ({ key }).
 */

export type Seg = string | number | { key: string };
export type FieldPath = readonly Seg[];

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string') out += out ? `.${seg}` : seg;
    else out += `[${seg.key}]`;
  }
  return out;
}

/** The inverse of formatPath. `[n]` is an index, any other bracketed text a map key. */
export function parsePath(text: string): Seg[] {
  const segs: Seg[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = text.indexOf(']', i);
      const inner = end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      segs.push(/^\d+$/.test(inner) ? Number(inner) : { key: inner });
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    segs.push(text.slice(i, j));
    i = j;
  }
  return segs;
}

/** The path Go's encoding/json names in a type error: fields only, no indices or keys. */
export function jsonFieldPath(path: FieldPath): string {
  return path.filter((s): s is string => typeof s === 'string').join('.');
}
