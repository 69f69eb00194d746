/**
 * ESLint (flat config): typescript-eslint's recommended set everywhere, React's hook rules in the
 * renderer, and the layering rule of DESIGN.md encoded the way VS Code's eslint.config.js does it:
 * - src/ is the pure engine: no Electron, React, D3 or Node (only src/load/fsFolder.ts reads the
 *   disk), no shell folder, and no hidden clock or randomness (the seeded PRNG and the simulated
 *   clock live in the simulation state);
 * - renderer/ is the browser page: no Electron, no Node, no main-process code.
 * Do not relax these rules; tests/unit/layering.test.ts checks the same graph at test time.
 * Formatting is Prettier's (.prettierrc.json); `max-len` only catches what Prettier cannot break.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, bare (`fs`, `fs/promises`) and prefixed (`node:fs`). */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
const nodeBuiltins = (message) => ({ paths: NODE_BUILTINS.map((name) => ({ name, message })) });

const ENGINE_PURE = 'src/ is the pure engine (DESIGN.md, layering): the shells bring the platform to it.';
const ENGINE_NO_NODE = 'src/ runs in the browser too: only src/load/fsFolder.ts reads the disk.';
const RENDERER_ONLY_WEB = 'renderer/ is a sandboxed web page: it talks to the host through renderer/bridge only.';

/** Import patterns banned in src/ whatever the file (fsFolder.ts included). */
const ENGINE_PATTERNS = [
  { regex: '^(electron|react|react-dom)(/|$)', message: ENGINE_PURE },
  { regex: '^d3(-[a-z-]+)?(/|$)', message: ENGINE_PURE },
  { regex: '^(\\.\\./)+(electron|host|renderer|cli|web)(/|$)', message: `${ENGINE_PURE} No import from a shell folder.` },
];

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', 'tests/output/', 'test-results/', 'playwright-report/', 'tests/fixtures/']),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'kube-traffic/all',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.es2025 } },
    rules: {
      // Unused arguments and caught errors are often kept for the signature; `_` marks them.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Prettier wraps code at 140; this catches what it cannot wrap, such as comments. Strings, templates
      // and regexps may run longer: they hold whole Kubernetes messages and YAML that tests match verbatim.
      'max-len': [
        'error',
        { code: 160, tabWidth: 2, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },

  // Node programs: the launchers, CI scripts, the CLI, the Electron main process, browser mode, tests and configs.
  {
    name: 'kube-traffic/node',
    files: ['bin/**', '.ci/**', 'cli/**', 'electron/**', 'host/**', 'web/**', 'tests/**', '*.config.{ts,js,mjs}', 'src/load/fsFolder.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'kube-traffic/commonjs',
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // The engine: pure, deterministic, platform-free.
  {
    name: 'kube-traffic/engine',
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...nodeBuiltins(ENGINE_NO_NODE), patterns: [...ENGINE_PATTERNS, { regex: '^node:', message: ENGINE_NO_NODE }] },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine runs on simulated time (sim.clock); pass time in.' },
        { object: 'performance', property: 'now', message: 'The engine runs on simulated time (sim.clock); pass time in.' },
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG in the simulation state, so runs are reproducible.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The engine runs on simulated time: no `new Date()`.',
        },
      ],
    },
  },
  {
    name: 'kube-traffic/engine-folder-reader',
    files: ['src/load/fsFolder.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: ENGINE_PATTERNS }] },
  },

  // The renderer: a browser page with React.
  {
    name: 'kube-traffic/renderer',
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...nodeBuiltins(RENDERER_ONLY_WEB),
          patterns: [
            { regex: '^(electron)(/|$)', message: RENDERER_ONLY_WEB },
            { regex: '^node:', message: RENDERER_ONLY_WEB },
            { regex: '^(\\.\\./)+(electron|host|cli|web)(/|$)', message: RENDERER_ONLY_WEB },
          ],
        },
      ],
    },
  },
]);
