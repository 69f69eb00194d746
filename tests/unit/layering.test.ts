/**
 * The architecture's one-way rules, checked on the real import graph (a poor man's valid-layers-check):
 * src/ is pure and imports nothing from the shells; the host is Node-only, shared by the Electron main
 * process and browser mode, so it never reaches Electron; the renderer never reaches Node or Electron.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specs.push(m[1] ?? m[2] ?? m[3]);
  }
  return specs;
}

/** Resolve a relative import to a repository path so we can tell which layer it lands in. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return relative(root, join(root, file, '..', spec));
}

const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|http$|net$|url$|crypto$|events$|stream$|util$)/;
const FS_MODULE = 'src/load/fsFolder.ts';

describe('layering', () => {
  const engine = sourceFiles('src');

  it('finds the engine sources', () => {
    expect(engine.length).toBeGreaterThan(5);
  });

  it('src/ imports no shell, UI or platform module (only the folder reader touches fs)', () => {
    const bad: string[] = [];
    for (const file of engine) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        if (/^(electron|react|react-dom|d3)/.test(t) || /^(host|electron|renderer|cli|web)\//.test(t)) bad.push(`${file} → ${spec}`);
        if (NODE_BUILTINS.test(t) && file !== FS_MODULE) bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('src/ draws no hidden randomness or wall-clock time', () => {
    const bad = engine.filter((f) => /\b(Math\.random|Date\.now|performance\.now|new Date\(\))/.test(readFileSync(join(root, f), 'utf8')));
    expect(bad).toEqual([]);
  });

  it('the renderer reaches neither Node nor Electron, nor engine internals beyond the contract and types', () => {
    const bad: string[] = [];
    for (const file of sourceFiles('renderer')) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        if (t === 'electron' || NODE_BUILTINS.test(t) || /^(host|electron|cli|web)\//.test(t)) bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the host imports only src/, its own modules and Node built-ins: never Electron or another shell', () => {
    const host = sourceFiles('host');
    expect(host.length).toBeGreaterThan(0);
    const bad: string[] = [];
    for (const file of host) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        if (!/^(src|host)\//.test(t) && !NODE_BUILTINS.test(t)) bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
