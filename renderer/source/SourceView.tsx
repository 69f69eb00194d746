/**
 * [region] Source: one file of the folder, read-only, YAML-coloured, scrolled to the cited line
 * (marked aria-current="true") with the cited field marked. Text comes from `readSource`, so it is
 * the file as it is on disk now; a reload (revision) reads it again.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import type { SourceTarget } from './sourceNav';
import { type Token, tokenizeYamlLine } from './yamlTokens';

/** Lines drawn around the cited one in a very long file: enough to read the object, cheap to draw. */
const WINDOW = 400;

type Loaded = { file: string; revision: number; text: string } | { file: string; revision: number; error: string };

function renderTokens(tokens: Token[], markAt: number | undefined): ReactNode[] {
  return tokens.map((t, i) => {
    const marked =
      markAt !== undefined && t.kind !== 'punct' && t.text.trim() !== '' && markAt >= t.start && markAt < t.start + t.text.length;
    const span = (
      <span key={i} className={`y-${t.kind}`}>
        {t.text}
      </span>
    );
    return marked ? (
      <mark key={i} className="field-mark">
        {span}
      </mark>
    ) : (
      span
    );
  });
}

export function SourceView({
  api,
  target,
  revision,
  onClose,
}: {
  api: KubeTrafficApi;
  target: SourceTarget;
  revision: number;
  onClose(): void;
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const scroller = useRef<HTMLDivElement | null>(null);
  const close = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    let live = true;
    api.readSource(target.file).then(
      (r) =>
        live && setLoaded(r.ok ? { file: target.file, revision, text: r.value.text } : { file: target.file, revision, error: r.error }),
      (e: unknown) => live && setLoaded({ file: target.file, revision, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, target.file, revision]);

  const current = loaded && loaded.file === target.file ? loaded : null;
  const lines = useMemo(() => (current && 'text' in current ? current.text.split(/\r?\n/) : []), [current]);
  const first = lines.length > 2 * WINDOW ? Math.max(0, target.line - 1 - WINDOW) : 0;
  const last = lines.length > 2 * WINDOW ? Math.min(lines.length, target.line + WINDOW) : lines.length;

  // Scroll the cited line to the middle whenever the target or the text changes.
  useLayoutEffect(() => {
    const row = scroller.current?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!row || !scroller.current) return;
    const box = scroller.current;
    box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 2 + row.offsetHeight / 2);
  }, [target, lines]);

  return (
    <section
      className="panel source-view"
      role="region"
      aria-label="Source"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="panel-header">
        <h2>Source</h2>
        <span className="source-title mono" title={target.path}>
          {target.file}:{target.line}
          {target.path ? <span className="muted"> · {target.path}</span> : null}
        </span>
        <button ref={close} type="button" className="icon-button" aria-label="Close source" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </header>
      {!current ? (
        <p className="panel-empty">Reading {target.file}…</p>
      ) : 'error' in current ? (
        <p className="panel-empty tone-danger">{current.error}</p>
      ) : (
        <div className="source-scroll" ref={scroller} tabIndex={0} aria-label={`${target.file}, read-only`}>
          {first > 0 && <div className="source-more muted">… {first} lines above</div>}
          <ol className="source-lines" start={first + 1}>
            {lines.slice(first, last).map((text, k) => {
              const n = first + k + 1;
              const here = n === target.line;
              return (
                <li key={n} className={here ? 'here' : undefined} aria-current={here ? 'true' : undefined}>
                  <span className="ln" aria-hidden="true">
                    {n}
                  </span>
                  <code>{renderTokens(tokenizeYamlLine(text), here && target.column ? target.column - 1 : undefined)}</code>
                </li>
              );
            })}
          </ol>
          {last < lines.length && <div className="source-more muted">… {lines.length - last} lines below</div>}
        </div>
      )}
    </section>
  );
}
