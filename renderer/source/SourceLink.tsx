/** A `file:line` reference as a button: its name is the reference itself, so `FILE:LINE` finds it. */
import type { SourceTarget } from './sourceNav';
import { useOpenSource } from './sourceNav';

export function SourceLink({ showColumn, ...target }: SourceTarget & { showColumn?: boolean }) {
  const open = useOpenSource();
  const text = `${target.file}:${target.line}${showColumn && target.column ? `:${target.column}` : ''}`;
  return (
    <button type="button" className="loc loc-link" title={`Show ${target.file} at line ${target.line}`} onClick={() => open(target)}>
      {text}
    </button>
  );
}
