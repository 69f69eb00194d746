/** Source, Target (picked or typed), Count, Interval, Send request. Choices come from the engine. */
import { memo, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { RequestChoices } from '../../src/api/contract';
import { canonicalKey } from '../../src/model/componentId';
import { LIMITS } from '../../src/api/validate';

export interface RequestBarProps {
  choices: RequestChoices | null;
  busy: boolean;
  error: string | null;
  onSend(req: { from: string; to: string; count: number; intervalSeconds: number }): void;
  /** A request sent from elsewhere (a Reachability cell): shown here, so the bar says what is on the map. */
  shown?: { from: string; to: string; count?: number; intervalSeconds?: number } | null;
}

/** `pod/default/x:80` and `pod/x:80` are one target: compare ids by canonical key, port kept. */
function sameTarget(a: string, b: string): boolean {
  const split = (id: string) => {
    const colon = id.lastIndexOf(':');
    return colon < 0 ? [canonicalKey(id), ''] : [canonicalKey(id.slice(0, colon)), id.slice(colon)];
  };
  const [x, p] = split(a);
  const [y, q] = split(b);
  return x === y && p === q;
}

const GROUP_ORDER = ['Service', 'DNS name', 'NodePort', 'LoadBalancer', 'Pod', 'Node', 'Outside'] as const;

/**
 * A list of the bar's, memoised with its options: React walks a controlled select's options on every
 * update it commits to it (hundreds at 500 Pods), and the bar re-renders for Send turning busy and back.
 */
const Picker = memo(function Picker(props: {
  label: string;
  value: string;
  onPick(value: string): void;
  disabled: boolean;
  children: ReactNode;
}) {
  const { label, value, onPick, disabled, children } = props;
  return (
    <select aria-label={label} value={value} onChange={(e) => onPick(e.target.value)} disabled={disabled}>
      {children}
    </select>
  );
});

export function RequestBar({ choices, busy, error, onSend, shown }: RequestBarProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [typed, setTyped] = useState('');
  const [count, setCount] = useState(1);
  // Simulated seconds between requests (`--interval`): long enough gaps let a ClientIP affinity expire, and a rollout move on.
  const [intervalSeconds, setIntervalSeconds] = useState(1);

  // Keep the selection valid when the cluster changes (a deleted Pod is no longer a source). Adjusted
  // while rendering, when `choices` is a new object, as React advises for state that follows a prop.
  const [seenChoices, setSeenChoices] = useState<RequestChoices | null>(null);
  if (choices !== seenChoices) {
    setSeenChoices(choices);
    // The engine's suggestion first (a delivered request that teaches something), else the lists' first.
    const suggested = choices?.suggested;
    if (choices && !choices.sources.some((s) => s.id === from)) setFrom(suggested?.from ?? choices.sources[0]?.id ?? '');
    if (choices && !choices.targets.some((t) => t.id === to)) setTo(suggested?.to ?? choices.targets[0]?.id ?? '');
  }

  // A request shown from elsewhere: picked in the lists where they have it, else typed as it was sent.
  const [seenShown, setSeenShown] = useState(shown);
  if (shown !== seenShown) {
    setSeenShown(shown);
    if (shown && choices) {
      const source = choices.sources.find((s) => canonicalKey(s.id) === canonicalKey(shown.from));
      const picked = choices.targets.find((t) => sameTarget(t.id, shown.to));
      if (source) setFrom(source.id);
      if (picked) setTo(picked.id);
      setTyped(picked ? '' : shown.to);
      setCount(shown.count ?? 1);
      setIntervalSeconds(shown.intervalSeconds ?? 1);
    }
  }

  const target = typed.trim() || to;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy || !from || !target) return;
    const seconds = Number.isFinite(intervalSeconds) ? Math.min(86400, Math.max(0, intervalSeconds)) : 1;
    onSend({ from, to: target, count: Math.min(LIMITS.maxCount, Math.max(1, Math.round(count) || 1)), intervalSeconds: seconds });
  };

  // The lists' options are made once per set of choices, so the Pickers stay as they are otherwise.
  const sourceOptions = useMemo(
    () =>
      choices?.sources.map((s) => (
        <option key={s.id} value={s.id}>
          {s.label}
        </option>
      )),
    [choices],
  );
  const targetOptions = useMemo(
    () =>
      GROUP_ORDER.map((g) => {
        const items = choices?.targets.filter((t) => t.group === g) ?? [];
        return items.length ? (
          <optgroup key={g} label={g}>
            {items.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </optgroup>
        ) : null;
      }),
    [choices],
  );

  return (
    <form className="request-bar" onSubmit={submit} aria-label="Request">
      <label className="field">
        <span>From</span>
        <Picker label="Source" value={from} onPick={setFrom} disabled={!choices}>
          {sourceOptions}
        </Picker>
      </label>
      <label className="field">
        <span>To</span>
        <Picker label="Target" value={to} onPick={setTo} disabled={!choices || typed.trim() !== ''}>
          {targetOptions}
        </Picker>
      </label>
      <label className="field typed">
        <span>or</span>
        <input
          type="text"
          aria-label="Target address"
          placeholder="curl 10.96.0.10:9000"
          value={typed}
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <label className="field count">
        <span>×</span>
        <input
          type="number"
          aria-label="Count"
          min={1}
          max={LIMITS.maxCount}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
        />
      </label>
      <label className="field count interval" title="Seconds between requests on the simulated clock (kube-traffic trace --interval)">
        <span>every</span>
        <input
          type="number"
          aria-label="Interval"
          min={0}
          max={86400}
          step={0.5}
          value={intervalSeconds}
          onChange={(e) => setIntervalSeconds(Number(e.target.value))}
        />
        <span>s</span>
      </label>
      {/* Busy is aria-disabled, not disabled: a disabled button drops the keyboard focus, and focus stays on Send. */}
      <button type="submit" className="primary" disabled={!from || !target} aria-disabled={busy || undefined}>
        Send request
      </button>
      {error && (
        <span className="request-error" role="alert" title={error}>
          {error}
        </span>
      )}
    </form>
  );
}
