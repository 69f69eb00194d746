/** Diagnostics as the CLI prints them: severity, file:line:column, field path, API-server message. */
import { useId } from 'react';
import type { Diagnostic } from '../../src/model/source';
import { objectKey } from '../../src/model/componentId';
import { SourceLink } from '../source/SourceLink';
import { foldClass, FoldHeading, type Fold } from './FoldHeading';

/** The map object a problem is about (Pods, Services and Nodes are drawn), for selecting it with its source. */
function objectOf(d: Diagnostic): string | undefined {
  if (!d.name) return undefined;
  if (d.kind === 'Node') return `node/${d.name}`;
  const ns = d.namespace || 'default';
  if (d.kind === 'Pod') return objectKey('pod', ns, d.name);
  if (d.kind === 'Service') return objectKey('svc', ns, d.name);
  return undefined;
}

export interface ProblemsPanelProps {
  diagnostics: Diagnostic[];
  objectCount: number;
  /** Set when the engine could not be reached or the folder could not be read at all. */
  fatal?: string | null;
  /** Folded to its header (the narrow side column). */
  fold?: Fold;
}

function SeverityIcon({ severity }: { severity: Diagnostic['severity'] }) {
  return severity === 'error' ? (
    <svg className="sev sev-error" viewBox="0 0 16 16" role="img" aria-label="error">
      <circle cx="8" cy="8" r="7" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" />
    </svg>
  ) : (
    <svg className="sev sev-warning" viewBox="0 0 16 16" role="img" aria-label="warning">
      <path d="M8 1.5l7 13H1z" />
      <path d="M8 6v4M8 11.5v1.2" />
    </svg>
  );
}

export function ProblemsPanel({ diagnostics, objectCount, fatal, fold }: ProblemsPanelProps) {
  const bodyId = useId();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const sorted = [...diagnostics].sort(
    (a, b) =>
      Number(a.severity !== 'error') - Number(b.severity !== 'error') ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
  return (
    <section className={`panel problems${foldClass(fold)}`} role="region" aria-label="Problems">
      <header className="panel-header">
        <FoldHeading title="Problems" fold={fold} bodyId={bodyId} />
        <span className={`count ${errors ? 'has-errors' : ''}`}>
          {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      </header>
      <div className="problems-body" id={bodyId}>
        {fatal && (
          <p className="fatal" role="alert">
            <SeverityIcon severity="error" /> {fatal}
          </p>
        )}
        {sorted.length === 0 && !fatal ? (
          <p className="panel-empty ok">
            No problems. {objectCount} object{objectCount === 1 ? '' : 's'} loaded.
          </p>
        ) : (
          <ul className="problem-list">
            {sorted.map((d, i) => (
              <li key={i} className={`problem ${d.severity}`}>
                <SeverityIcon severity={d.severity} />
                <div>
                  <div className="problem-loc">
                    <SourceLink file={d.file} line={d.line} column={d.column} path={d.path} select={objectOf(d)} showColumn />
                    {d.path && <code className="path">{d.path}</code>}
                    {d.kind && d.name && (
                      <span className="muted">
                        {d.kind}/{d.namespace && d.namespace !== 'default' ? `${d.namespace}/` : ''}
                        {d.name}
                      </span>
                    )}
                  </div>
                  <div className="problem-msg">{d.message}</div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
