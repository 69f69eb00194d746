/** A cited line with one line of context either side, YAML-coloured: the object's own words under a ref. */
import { useEffect, useState } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import { readCached } from './sourceCache';
import { tokenizeYamlLine } from './yamlTokens';

const CONTEXT = 1;

export function SourceExcerpt({ api, file, line }: { api: KubeTrafficApi; file: string; line: number }) {
  const [lines, setLines] = useState<{ key: string; text: string[] } | null>(null);
  const key = `${file}:${line}`;
  useEffect(() => {
    let live = true;
    void readCached(api, file).then((r) => {
      if (!live || !r.ok) return;
      const all = r.value.text.split(/\r?\n/);
      setLines({ key, text: all.slice(Math.max(0, line - 1 - CONTEXT), line + CONTEXT) });
    });
    return () => {
      live = false;
    };
  }, [api, file, line, key]);
  if (!lines || lines.key !== key) return null;
  const first = Math.max(1, line - CONTEXT);
  return (
    <pre className="source-excerpt mono" aria-hidden="true">
      {lines.text.map((t, i) => (
        <div key={i} className={first + i === line ? 'here' : undefined}>
          <span className="ln">{first + i}</span>
          {tokenizeYamlLine(t).map((tok, j) => (
            <span key={j} className={`y-${tok.kind}`}>
              {tok.text}
            </span>
          ))}
        </div>
      ))}
    </pre>
  );
}
