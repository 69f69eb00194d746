/**
 * What the matrix asks about: label selectors for the sources (From) and, with a port, the target
 * Pods (To), as `kube-traffic reach --from --to --port` takes them; applied with Show. The namespace
 * pickers only narrow what is drawn, at once (every cell is traced on its own, so hiding rows or
 * columns changes no other cell).
 */
import { useState, type FormEvent } from 'react';
import type { ReachabilityRequest } from '../../src/api/contract';
import type { ReachFilter } from '../model/reach';

export interface ReachFiltersProps {
  request: ReachabilityRequest;
  onRequest(req: ReachabilityRequest): void;
  filter: ReachFilter;
  onFilter(f: ReachFilter): void;
  sourceNamespaces: string[];
  targetNamespaces: string[];
  loading: boolean;
}

function NamespacePicker(props: { label: string; value: string; options: string[]; onChange(v: string): void }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">all namespaces</option>
        {props.options.map((ns) => (
          <option key={ns} value={ns}>
            {ns}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ReachFilters({ request, onRequest, filter, onFilter, sourceNamespaces, targetNamespaces, loading }: ReachFiltersProps) {
  const [from, setFrom] = useState(request.from ?? '');
  const [to, setTo] = useState(request.to ?? '');
  const [port, setPort] = useState(request.port ?? '');
  const needsPort = port.trim() === '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const req: ReachabilityRequest = {};
    if (from.trim()) req.from = from.trim();
    if (port.trim()) req.port = port.trim();
    if (port.trim() && to.trim()) req.to = to.trim();
    onRequest(req);
  };

  return (
    <div className="reach-filters">
      <form onSubmit={submit} aria-label="Reachability request">
        <label className="field">
          <span>From</span>
          <input
            type="text"
            aria-label="From selector"
            placeholder="all Pods (e.g. pod=a)"
            value={from}
            spellCheck={false}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label className="field port">
          <span>Port</span>
          <input
            type="text"
            aria-label="Port"
            placeholder="Service ports"
            title="A port (80, 53/UDP) asks about Pods on that port; empty asks about every Service port"
            value={port}
            spellCheck={false}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <label className="field">
          <span>To</span>
          <input
            type="text"
            aria-label="To selector"
            placeholder={needsPort ? 'needs a port' : 'all Pods (e.g. pod=a)'}
            title={needsPort ? 'Without a port the targets are every Service port; give a port to pick target Pods' : undefined}
            value={needsPort ? '' : to}
            disabled={needsPort}
            spellCheck={false}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={loading}>
          Show
        </button>
      </form>
      <div className="reach-namespaces">
        <NamespacePicker
          label="From namespace"
          value={filter.fromNamespace}
          options={sourceNamespaces}
          onChange={(v) => onFilter({ ...filter, fromNamespace: v })}
        />
        <NamespacePicker
          label="To namespace"
          value={filter.toNamespace}
          options={targetNamespaces}
          onChange={(v) => onFilter({ ...filter, toNamespace: v })}
        />
      </div>
    </div>
  );
}
