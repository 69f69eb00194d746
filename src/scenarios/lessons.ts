/**
 * A folder's lessons as one-click scenarios: the rows of its README's table whose `try` cell is a
 * request (`--from SOURCE --to TARGET`), as the bundled seed's README lists its steps. Rows that try
 * something else (`get pods …`) are not requests and are left out. Pure: README text in.
 */
import type { Scenario } from '../api/contract';

const REQUEST = /--from\s+(\S+)\s+--to\s+(\S+?)(?:\s+--count\s+(\d+))?`/;

/** `NodePort + \`externalTrafficPolicy: Local\`` → `NodePort + externalTrafficPolicy: Local`. */
function plain(cell: string): string {
  return cell.replace(/`/g, '').replace(/\*\*/g, '').trim();
}

export function readmeLessons(readme: string): Scenario[] {
  const lessons: Scenario[] = [];
  const names = new Set<string>();
  for (const line of readme.split(/\r?\n/)) {
    if (!line.trim().startsWith('|')) continue;
    const m = REQUEST.exec(line);
    if (!m) continue;
    const name = plain(line.trim().slice(1).split('|')[0] ?? '');
    if (!name || names.has(name)) continue;
    names.add(name);
    lessons.push({ name, from: m[1]!, to: m[2]!, count: m[3] ? Math.max(1, Math.min(1000, Number(m[3]))) : 1 });
  }
  return lessons;
}
