/**
 * Scenarios (Packet Tracer's): request sets kept with the folder, in its `kube-traffic.scenarios.yaml`,
 * to replay with one click or delete, and the folder README's lessons as ready-made ones. Saving keeps
 * the request last sent (source, target, count, interval) and the cluster's seed under a name.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { KubeTrafficApi, Scenario, Scenarios } from '../../src/api/contract';
import { foldClass, FoldHeading, type Fold } from './FoldHeading';

export interface ScenariosPanelProps {
  api: KubeTrafficApi;
  /** The open folder: the list is re-read when it changes. */
  folder: string | null;
  /** The request last sent, which Save scenario keeps; null before the first Send. */
  last: Omit<Scenario, 'name'> | null;
  busy: boolean;
  onReplay(s: Scenario): void;
  onError(message: string): void;
  /** Folded to its header (the narrow side column); a save opens it, to show the saved set. */
  fold?: Fold;
}

const EMPTY: Scenarios = { saved: [], lessons: [], problems: [] };

function describe(s: Scenario): string {
  const every = s.count > 1 && s.intervalSeconds !== undefined && s.intervalSeconds !== 1 ? ` every ${s.intervalSeconds} s` : '';
  return `${s.from} → ${s.to}${s.count > 1 ? ` ×${s.count}` : ''}${every}`;
}

/** A lesson's or a saved scenario's ▶ button, with what it sends beside it. */
function PlayButton({
  scenario,
  kind,
  busy,
  onReplay,
}: {
  scenario: Scenario;
  kind: 'lesson' | 'scenario';
  busy: boolean;
  onReplay(s: Scenario): void;
}) {
  return (
    <>
      <button
        type="button"
        className="scenario-play"
        aria-label={`Run ${kind} ${scenario.name}`}
        disabled={busy}
        onClick={() => onReplay(scenario)}
        title={describe(scenario)}
      >
        <span aria-hidden="true">▶ </span>
        {scenario.name}
      </button>
      <span className="muted mono scenario-what">{describe(scenario)}</span>
    </>
  );
}

export function ScenariosPanel({ api, folder, last, busy, onReplay, onError, fold }: ScenariosPanelProps) {
  const bodyId = useId();
  const [list, setList] = useState<Scenarios>(EMPTY);
  const [name, setName] = useState('');

  useEffect(() => {
    let live = true;
    if (folder === null) return;
    api.getScenarios().then(
      (s) => live && setList(s),
      (e: unknown) => live && onError(String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, folder, onError]);

  const apply = useCallback(
    async (call: Promise<{ ok: true; value: Scenarios } | { ok: false; error: string }>) => {
      try {
        const r = await call;
        if (r.ok) setList(r.value);
        else onError(r.error);
        return r.ok;
      } catch (e) {
        onError(String(e));
        return false;
      }
    },
    [onError],
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!last) return;
    const scenario = { ...last, name: name.trim() || describe({ ...last, name: '' }) };
    if (await apply(api.saveScenario(scenario))) {
      setName('');
      fold?.onToggle(true);
    }
  };

  return (
    <section className={`panel scenarios${foldClass(fold)}`} role="region" aria-label="Scenarios">
      <header className="panel-header">
        <FoldHeading title="Scenarios" fold={fold} bodyId={bodyId} />
        <form className="scenario-save" onSubmit={save}>
          <input
            type="text"
            aria-label="Scenario name"
            placeholder={last ? describe({ ...last, name: '' }) : 'Send a request first'}
            value={name}
            maxLength={100}
            spellCheck={false}
            disabled={!last}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={!last || busy} title="Keep the request last sent, to replay it later">
            Save scenario
          </button>
        </form>
      </header>
      <div className="scenario-lists" id={bodyId}>
        {list.problems.map((p) => (
          <p key={p} className="tone-warn scenario-problem">
            {p}
          </p>
        ))}
        {/* The user's own sets first: one just saved is in view without scrolling past the lessons. */}
        {list.saved.length > 0 ? (
          <ul aria-label="Saved scenarios">
            {list.saved.map((s) => (
              <li key={`saved:${s.name}`}>
                <PlayButton scenario={s} kind="scenario" busy={busy} onReplay={onReplay} />
                <button
                  type="button"
                  className="icon-btn scenario-delete"
                  aria-label={`Delete scenario ${s.name}`}
                  title="Delete"
                  disabled={busy}
                  onClick={() => void apply(api.deleteScenario(s.name))}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="panel-empty">No saved scenarios: send a request, then Save scenario keeps it with the folder.</p>
        )}
        {list.lessons.length > 0 && (
          <ul aria-label="Lessons">
            {list.lessons.map((s) => (
              <li key={`lesson:${s.name}`}>
                <PlayButton scenario={s} kind="lesson" busy={busy} onReplay={onReplay} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
