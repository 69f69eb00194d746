/** What the folder reader hands to the pure loader. Pure types: importable from anywhere in src/. */
import type { Diagnostic } from '../model/source';

export interface RawFile {
  /** Relative to the folder, '/' separators. */
  path: string;
  text: string;
}

export interface RawFolder {
  /** The folder as given (absolute or relative, as the caller passed it). */
  root: string;
  /** Every readable *.yaml, *.yml and *.json file, sorted by path. */
  files: RawFile[];
  /** Files that could not be read or were skipped (binary, too large, unreadable). */
  diagnostics: Diagnostic[];
}
