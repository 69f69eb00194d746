/** A kubectl label selector (`app=pod,tier in (web)`): matching Pods light up, the engine decides. */
import { useEffect, useState } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import { canonicalKey } from '../../src/model/componentId';

export interface SelectorBoxProps {
  api: KubeTrafficApi;
  /** Re-evaluate when the cluster changes. */
  revision: number;
  onMatches(matches: Set<string> | null): void;
}

export function SelectorBox({ api, revision, onMatches }: SelectorBoxProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState<number | null>(null);

  const edit = (next: string) => {
    setText(next);
    if (next.trim()) return;
    // An empty selector matches nothing and is no error: clear at once, with no engine call.
    setError(null);
    setCount(null);
    onMatches(null);
  };

  useEffect(() => {
    const selector = text.trim();
    if (!selector) return;
    let live = true;
    const timer = setTimeout(() => {
      api.matchSelector(selector).then(
        (r) => {
          if (!live) return;
          if (r.ok) {
            setError(null);
            setCount(r.value.length);
            onMatches(new Set(r.value.map(canonicalKey)));
          } else {
            setError(r.error);
            setCount(null);
            onMatches(null);
          }
        },
        (e: unknown) => live && setError(String(e)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `revision` is not read: it is listed so that a new cluster asks the engine again.
  }, [text, revision, api, onMatches]);

  return (
    <div className={`selector-box ${error ? 'invalid' : ''}`}>
      <label className="field">
        <span>Labels</span>
        <input
          type="search"
          aria-label="Label selector"
          placeholder="app=pod,type in (web)"
          value={text}
          spellCheck={false}
          aria-invalid={Boolean(error)}
          aria-describedby="selector-status"
          onChange={(e) => edit(e.target.value)}
        />
      </label>
      <span id="selector-status" className={error ? 'selector-error' : 'muted'} role={error ? 'alert' : undefined}>
        {error ?? (count === null ? '' : `${count} pod${count === 1 ? '' : 's'} match`)}
      </span>
    </div>
  );
}
