/**
 * A file that fails to parse keeps its last good objects, as `kubectl apply -f DIR` leaves what
 * exists alone when it cannot decode a file. Editors save in steps (truncate, then write), and a
 * reload that read the half-written file would delete that file's objects and create them again
 * with new Pod IPs and node ports. So the reload uses the file's last text that parsed, and the
 * parse problem is shown until the file parses again.
 */
import type { Cluster } from '../src/model/cluster';
import type { Diagnostic } from '../src/model/source';
import type { RawFile } from '../src/engine/index';

/** Folder-relative path → the file's last text that parsed. */
export type LastGood = Record<string, string>;

/** The loader's words for a file it could not decode (kubectl's own, for a YAML or JSON syntax error). */
const PARSE_ERROR = /^error converting YAML to JSON/;

type Load = (files: readonly RawFile[], folderDiagnostics: readonly Diagnostic[]) => Cluster;

/**
 * Files that do not parse, with the loader's parse errors for each. An empty file counts: it is
 * what an editor leaves between truncating and writing (and `kubectl apply` refuses it too).
 */
function unparsedFiles(files: readonly RawFile[], diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const paths = new Set(files.map((f) => f.path));
  const unparsed = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || !PARSE_ERROR.test(d.message) || !paths.has(d.file)) continue;
    unparsed.set(d.file, [...(unparsed.get(d.file) ?? []), d]);
  }
  for (const f of files) if (f.text.trim() === '' && !unparsed.has(f.path)) unparsed.set(f.path, []);
  return unparsed;
}

function keptNote(file: RawFile, parseErrors: readonly Diagnostic[]): Diagnostic {
  const why = parseErrors.length > 0 ? 'this file does not parse' : 'this file is empty';
  return {
    severity: 'warning',
    file: file.path,
    line: 1,
    column: 1,
    message: `${why}: its objects stay as its last version that parsed declared them (as kubectl apply leaves them), until it parses again`,
  };
}

/**
 * Loads `files`, substituting the last good text of every file that no longer parses, and returns
 * the cluster with the next last-good texts. Costs a second load only when such a file exists.
 */
export function loadKeepingLastGood(
  files: readonly RawFile[],
  folderDiagnostics: readonly Diagnostic[],
  lastGood: Readonly<LastGood>,
  load: Load,
): { cluster: Cluster; lastGood: LastGood } {
  const first = load(files, folderDiagnostics);
  const unparsed = unparsedFiles(files, first.diagnostics);
  const next: LastGood = {};
  for (const f of files) if (!unparsed.has(f.path)) next[f.path] = f.text;
  const kept = files.filter((f) => unparsed.has(f.path) && Object.hasOwn(lastGood, f.path));
  if (kept.length === 0) return { cluster: first, lastGood: next };

  const keptPaths = new Set(kept.map((f) => f.path));
  for (const path of keptPaths) next[path] = lastGood[path];
  const substituted = files.map((f) => (keptPaths.has(f.path) ? { path: f.path, text: lastGood[f.path] } : f));
  // The current text's parse errors still show, at their own lines, beside the note of what was kept.
  const notes = kept.flatMap((f) => [...(unparsed.get(f.path) ?? []), keptNote(f, unparsed.get(f.path) ?? [])]);
  return { cluster: load(substituted, [...notes, ...folderDiagnostics]), lastGood: next };
}
