/**
 * `kube-traffic test` output, in TAP (the Test Anything Protocol) so both a person and a CI test
 * harness read it: a plan line, `ok N - …` / `not ok N - …` per expectation, and for each failure the
 * outcome, the trace's reason and where the expectation is written, as `#` diagnostic lines.
 */
import type { ExpectationResult } from './expectations';
import type { Expectation, ExpectationProblem } from './expectationsFile';

/** What the expectation claims: `pod/a → svc/b:80 delivered`, after its name when it has one. */
export function describeExpectation(e: Expectation): string {
  const claim = `${e.from} → ${e.to} ${e.expect}`;
  return e.name ? `${e.name}: ${claim}` : claim;
}

/** `expected delivered, got dropped`. */
export function failureMessage(r: ExpectationResult): string {
  return `expected ${r.expectation.expect}, got ${r.outcome}`;
}

/** A mistake in the file, in the compiler-style form of the load diagnostics. */
export function formatExpectationProblem(file: string, p: ExpectationProblem): string {
  return `${file}:${p.line}:${p.column}: error: ${p.message}`;
}

export function formatExpectationResults(file: string, results: readonly ExpectationResult[]): string {
  const lines = [`1..${results.length}`];
  for (const r of results) {
    const e = r.expectation;
    lines.push(`${r.passed ? 'ok' : 'not ok'} ${e.index} - ${describeExpectation(e)}`);
    if (!r.passed) {
      lines.push(`#   ${failureMessage(r)}: ${r.reason}`, `#   at ${file}:${e.at.line}:${e.at.column}`);
    }
  }
  const failed = results.filter((r) => !r.passed).length;
  const noun = results.length === 1 ? 'expectation' : 'expectations';
  lines.push(`# ${results.length} ${noun}: ${results.length - failed} passed, ${failed} failed`);
  return lines.join('\n') + '\n';
}
