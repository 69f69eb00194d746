/**
 * A JUnit XML report of `kube-traffic test` for CI systems (Jenkins, GitLab, GitHub reporters): one
 * testsuite per expectations file, one testcase per expectation, a failure carrying the trace's reason.
 * No timestamps or durations, so the report is as deterministic as the run.
 */
import type { ExpectationResult } from '../src/engine/expectations';
import { describeExpectation, failureMessage } from '../src/engine/expectationsText';

/** XML 1.0's Char production: most control characters and lone surrogates cannot appear at all, even escaped. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text fit for an attribute value or element content. */
export function xmlEscape(text: string): string {
  // Array.from walks code points, so a surrogate pair stays one character and a lone half is dropped.
  const chars = Array.from(text).filter((c) => isXmlChar(c.codePointAt(0) as number));
  return chars.join('').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** `file`: the expectations file as the user named it (the suite's name and each case's file attribute). */
export function junitXml(file: string, results: readonly ExpectationResult[]): string {
  const failures = results.filter((r) => !r.passed).length;
  const counts = `tests="${results.length}" failures="${failures}" errors="0" skipped="0"`;
  const suite = xmlEscape(file);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kube-traffic test" ${counts}>`,
    `  <testsuite name="${suite}" ${counts}>`,
  ];
  for (const r of results) {
    const e = r.expectation;
    const open = `    <testcase classname="${suite}" name="${xmlEscape(`${e.index} - ${describeExpectation(e)}`)}" file="${suite}" line="${e.at.line}"`;
    if (r.passed) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(
      `${open}>`,
      `      <failure message="${xmlEscape(failureMessage(r))}" type="${r.outcome}">${xmlEscape(r.reason)}</failure>`,
      '    </testcase>',
    );
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
