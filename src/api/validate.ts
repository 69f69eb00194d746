/**
 * Runtime validation of every payload that crosses a process boundary (IPC from the renderer, HTTP in
 * browser mode). TypeScript types vanish at runtime, and the renderer is the less trusted side: the
 * host re-checks every argument here before it touches the engine or the file system.
 * Messages follow the API server's wording ("Invalid value", "Required value", "Unsupported value").
 */
import type { ClusterOperation, ClusterSnapshot, MenuCommand, ReachabilityRequest, Result, SaveFileRequest, Scenario } from './contract';
import { MENU_COMMANDS } from './contract';
import { normalizeScenario, scenarioError, SCENARIO_LIMITS } from '../scenarios/rules';

/** Request/response methods of KubeTrafficApi (the snapshot stream is a separate channel). */
export type ApiMethod =
  | 'getSnapshot'
  | 'getChoices'
  | 'sendRequest'
  | 'matchSelector'
  | 'getReachability'
  | 'operate'
  | 'openFolder'
  | 'getRecentFolders'
  | 'readSource'
  | 'getScenarios'
  | 'saveScenario'
  | 'deleteScenario';

export const API_METHODS: readonly ApiMethod[] = [
  'getSnapshot',
  'getChoices',
  'sendRequest',
  'matchSelector',
  'getReachability',
  'operate',
  'openFolder',
  'getRecentFolders',
  'readSource',
  'getScenarios',
  'saveScenario',
  'deleteScenario',
];

export interface SendRequestArgs {
  from: string;
  to: string;
  count: number;
  /** Seconds between the requests on the simulated clock (absent: the engine's default, 1 s). */
  intervalSeconds?: number;
}

/** The argument list each method accepts, after validation. */
export interface ApiArgs {
  getSnapshot: [];
  getChoices: [];
  sendRequest: [SendRequestArgs];
  matchSelector: [string];
  getReachability: [ReachabilityRequest];
  operate: [ClusterOperation];
  openFolder: [] | [string];
  getRecentFolders: [];
  readSource: [string];
  getScenarios: [];
  saveScenario: [Scenario];
  deleteScenario: [string];
}

/** Upper bounds that keep one request from stalling the host. */
export const LIMITS = {
  maxCount: 1000,
  /** A day between two requests is more than any grace period, affinity timeout or rollout step needs. */
  maxIntervalSeconds: 86400,
  maxReplicas: 1000,
  maxTextLength: 1000,
  maxPathLength: 4096,
} as const;

/** Workload kinds `kubectl scale` accepts. */
export const SCALABLE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'] as const;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function fail<T>(error: string): Result<T> {
  return { ok: false, error };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Rejects keys the method does not know, so a misspelt field is an error rather than silently ignored. */
function unknownKey(obj: Record<string, unknown>, allowed: readonly string[], where: string): string | null {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) return `${where}.${key}: Forbidden: unknown field "${key}"`;
  }
  return null;
}

function checkText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return `${field}: Required value`;
  if (typeof value !== 'string') return `${field}: Invalid value: must be a string`;
  if (value.trim() === '') return `${field}: Required value`;
  if (value.length > max) return `${field}: Too long: may not be more than ${max} characters`;
  if (value.includes('\0')) return `${field}: Invalid value: must not contain NUL characters`;
  return null;
}

function checkInteger(value: unknown, field: string, min: number, max: number): string | null {
  if (value === undefined || value === null) return `${field}: Required value`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `${field}: Invalid value: ${JSON.stringify(value)}: must be an integer`;
  }
  if (value < min || value > max) {
    return `${field}: Invalid value: ${value}: must be between ${min} and ${max}, inclusive`;
  }
  return null;
}

function checkName(value: unknown, field: string, kind: 'label' | 'subdomain'): string | null {
  const textError = checkText(value, field, kind === 'label' ? 63 : 253);
  if (textError) return textError;
  const name = value as string;
  if (kind === 'label' && !DNS1123_LABEL.test(name)) {
    return `${field}: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`;
  }
  if (kind === 'subdomain' && !DNS1123_SUBDOMAIN.test(name)) {
    return `${field}: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
  }
  return null;
}

function validateSendRequest(arg: unknown): Result<SendRequestArgs> {
  if (!isPlainObject(arg)) return fail('request: Invalid value: must be an object {from, to, count}');
  const extra = unknownKey(arg, ['from', 'to', 'count', 'intervalSeconds'], 'request');
  if (extra) return fail(extra);
  const error =
    checkText(arg.from, 'request.from', LIMITS.maxTextLength) ??
    checkText(arg.to, 'request.to', LIMITS.maxTextLength) ??
    checkInteger(arg.count, 'request.count', 1, LIMITS.maxCount) ??
    checkInterval(arg.intervalSeconds);
  if (error) return fail(error);
  const out: SendRequestArgs = { from: (arg.from as string).trim(), to: (arg.to as string).trim(), count: arg.count as number };
  if (typeof arg.intervalSeconds === 'number') out.intervalSeconds = arg.intervalSeconds;
  return ok(out);
}

/** Optional; any number of seconds from 0 to LIMITS.maxIntervalSeconds (500 ms is 0.5). */
function checkInterval(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > LIMITS.maxIntervalSeconds) {
    return `request.intervalSeconds: Invalid value: ${JSON.stringify(value)}: must be a number of seconds between 0 and ${LIMITS.maxIntervalSeconds}, inclusive`;
  }
  return null;
}

/**
 * `{ from?, to?, port? }`: selectors may be empty (kubectl reads that as "everything", so it is kept
 * out rather than sent); the engine parses them and the port, and says what is wrong in its words.
 */
function validateReachability(arg: unknown): Result<ReachabilityRequest> {
  if (!isPlainObject(arg)) return fail('reachability: Invalid value: must be an object {from?, to?, port?}');
  const extra = unknownKey(arg, ['from', 'to', 'port'], 'reachability');
  if (extra) return fail(extra);
  const out: ReachabilityRequest = {};
  for (const key of ['from', 'to', 'port'] as const) {
    const value = arg[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return fail(`reachability.${key}: Invalid value: must be a string`);
    if (value.length > LIMITS.maxTextLength) {
      return fail(`reachability.${key}: Too long: may not be more than ${LIMITS.maxTextLength} characters`);
    }
    if (value.includes('\0')) return fail(`reachability.${key}: Invalid value: must not contain NUL characters`);
    if (value.trim() !== '') out[key] = value.trim();
  }
  return ok(out);
}

function validateOperation(arg: unknown): Result<ClusterOperation> {
  if (!isPlainObject(arg)) return fail('operation: Invalid value: must be an object with an "op" field');
  const op = arg.op;
  switch (op) {
    case 'deletePod': {
      const error =
        unknownKey(arg, ['op', 'namespace', 'name', 'wait'], 'operation') ??
        checkName(arg.namespace, 'operation.namespace', 'label') ??
        checkName(arg.name, 'operation.name', 'subdomain') ??
        (arg.wait === undefined || typeof arg.wait === 'boolean'
          ? null
          : `operation.wait: Invalid value: ${JSON.stringify(arg.wait)}: must be a boolean`);
      if (error) return fail(error);
      const out: ClusterOperation = { op, namespace: arg.namespace as string, name: arg.name as string };
      if (typeof arg.wait === 'boolean') out.wait = arg.wait;
      return ok(out);
    }
    case 'scale': {
      const kind = arg.kind;
      const error =
        unknownKey(arg, ['op', 'kind', 'namespace', 'name', 'replicas'], 'operation') ??
        (typeof kind === 'string' && (SCALABLE_KINDS as readonly string[]).includes(kind)
          ? null
          : `operation.kind: Unsupported value: ${JSON.stringify(kind)}: supported values: ${SCALABLE_KINDS.map((k) => `"${k}"`).join(', ')}`) ??
        checkName(arg.namespace, 'operation.namespace', 'label') ??
        checkName(arg.name, 'operation.name', 'subdomain') ??
        checkInteger(arg.replicas, 'operation.replicas', 0, LIMITS.maxReplicas);
      return error
        ? fail(error)
        : ok({
            op,
            kind: kind as string,
            namespace: arg.namespace as string,
            name: arg.name as string,
            replicas: arg.replicas as number,
          });
    }
    case 'cordon':
    case 'uncordon': {
      const error = unknownKey(arg, ['op', 'node'], 'operation') ?? checkName(arg.node, 'operation.node', 'subdomain');
      return error ? fail(error) : ok({ op, node: arg.node as string });
    }
    case 'drain': {
      const error =
        unknownKey(arg, ['op', 'node', 'force'], 'operation') ??
        checkName(arg.node, 'operation.node', 'subdomain') ??
        (arg.force === undefined || typeof arg.force === 'boolean' ? null : 'operation.force: Invalid value: must be true or false');
      if (error) return fail(error);
      return ok(arg.force === undefined ? { op, node: arg.node as string } : { op, node: arg.node as string, force: arg.force as boolean });
    }
    case 'apply':
    case 'reset': {
      const error = unknownKey(arg, ['op'], 'operation');
      return error ? fail(error) : ok({ op });
    }
    default:
      return fail(
        `operation.op: Unsupported value: ${JSON.stringify(op)}: supported values: "deletePod", "scale", "cordon", "uncordon", "drain", "apply", "reset"`,
      );
  }
}

/**
 * A folder-relative file path as diagnostics cite it: no absolute path, no drive letter, no `..`
 * segment. The host checks again against the real folder (links); this refuses the obvious early.
 */
export function checkRelativePath(value: unknown, field: string): string | null {
  const error = checkText(value, field, LIMITS.maxPathLength);
  if (error) return error;
  const p = value as string;
  if (/^([/\\]|[A-Za-z]:)/.test(p)) return `${field}: Invalid value: ${JSON.stringify(p)}: must be relative to the open folder`;
  if (p.split(/[/\\]/).includes('..')) return `${field}: Invalid value: ${JSON.stringify(p)}: must not contain '..'`;
  return null;
}

/**
 * Checks the argument list of one API call. `args` is what arrived (the IPC argument array, or the JSON
 * array posted in browser mode). Trailing `undefined`/`null` count as omitted, because JSON turns an
 * omitted optional argument into `null`.
 */
export function validateArgs<M extends ApiMethod>(method: M, args: unknown): Result<ApiArgs[M]> {
  if (!isApiMethod(method)) return fail(`Unknown method ${JSON.stringify(method)}`);
  if (!Array.isArray(args)) return fail(`${method}: the arguments must be a JSON array`);
  const list = [...args];
  while (list.length > 0 && (list[list.length - 1] === undefined || list[list.length - 1] === null)) list.pop();
  const arity = (max: number): string | null =>
    list.length > max ? `${method}: expected at most ${max} argument${max === 1 ? '' : 's'}, got ${list.length}` : null;

  const result = ((): Result<unknown[]> => {
    switch (method) {
      case 'getSnapshot':
      case 'getChoices':
      case 'getRecentFolders':
      case 'getScenarios': {
        const error = arity(0);
        return error ? fail(error) : ok([]);
      }
      case 'sendRequest': {
        const error = arity(1);
        if (error) return fail(error);
        const checked = validateSendRequest(list[0]);
        return checked.ok ? ok([checked.value]) : checked;
      }
      case 'matchSelector': {
        const error = arity(1);
        if (error) return fail(error);
        // An empty selector is valid for kubectl (it matches everything), so only the type and size are checked.
        if (typeof list[0] !== 'string') return fail('selector: Invalid value: must be a string');
        if (list[0].length > LIMITS.maxTextLength) {
          return fail(`selector: Too long: may not be more than ${LIMITS.maxTextLength} characters`);
        }
        return ok([list[0]]);
      }
      case 'getReachability': {
        const error = arity(1);
        if (error) return fail(error);
        const checked = validateReachability(list[0] ?? {});
        return checked.ok ? ok([checked.value]) : checked;
      }
      case 'operate': {
        const error = arity(1);
        if (error) return fail(error);
        const checked = validateOperation(list[0]);
        return checked.ok ? ok([checked.value]) : checked;
      }
      case 'readSource': {
        const error = arity(1) ?? checkRelativePath(list[0], 'file');
        return error ? fail(error) : ok([list[0]]);
      }
      case 'saveScenario': {
        const error = arity(1) ?? scenarioError(list[0]);
        return error ? fail(error) : ok([normalizeScenario(list[0] as Scenario)]);
      }
      case 'deleteScenario': {
        const error = arity(1) ?? checkText(list[0], 'name', SCENARIO_LIMITS.nameLength);
        return error ? fail(error) : ok([list[0]]);
      }
      case 'openFolder': {
        const error = arity(1) ?? (list.length === 1 ? checkText(list[0], 'path', LIMITS.maxPathLength) : null);
        return error ? fail(error) : ok(list.length === 1 ? [list[0]] : []);
      }
    }
  })();
  return result as Result<ApiArgs[M]>;
}

/** What saveFile accepts: a file name of at most 255 characters and 64 MiB of data (a 500-Pod map's PNG is a few MiB). */
export const SAVE_FILE_LIMITS = {
  nameLength: 255,
  dataLength: 64 * 1024 * 1024,
  mimeTypes: ['image/svg+xml', 'image/png', 'application/json', 'text/plain', 'text/yaml'],
} as const;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The argument of saveFile: the name is a file name only (the shell picks the folder, with the user),
 * so no separator, no `..`, no control characters; the data is text or well-formed base64.
 */
export function validateSaveFile(arg: unknown): Result<SaveFileRequest> {
  if (!isPlainObject(arg)) return fail('file: Invalid value: must be an object {suggestedName, data, mimeType}');
  const extra = unknownKey(arg, ['suggestedName', 'data', 'encoding', 'mimeType'], 'file');
  if (extra) return fail(extra);
  const nameError = checkText(arg.suggestedName, 'file.suggestedName', SAVE_FILE_LIMITS.nameLength);
  if (nameError) return fail(nameError);
  const name = arg.suggestedName as string;
  const control = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (control || /[/\\:*?"<>|]/.test(name) || name === '.' || name === '..' || name.trim() !== name) {
    return fail(
      `file.suggestedName: Invalid value: ${JSON.stringify(name)}: must be a file name, without a folder or the characters / \\ : * ? " < > |`,
    );
  }
  const encoding = arg.encoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'base64') {
    return fail(`file.encoding: Unsupported value: ${JSON.stringify(arg.encoding)}: supported values: "utf8", "base64"`);
  }
  if (typeof arg.data !== 'string')
    return fail(arg.data === undefined ? 'file.data: Required value' : 'file.data: Invalid value: must be a string');
  if (arg.data.length > SAVE_FILE_LIMITS.dataLength) {
    return fail(`file.data: Too long: may not be more than ${SAVE_FILE_LIMITS.dataLength} characters`);
  }
  if (encoding === 'base64' && (arg.data.length % 4 !== 0 || !BASE64.test(arg.data))) {
    return fail('file.data: Invalid value: must be base64 (RFC 4648) when file.encoding is "base64"');
  }
  const mime = arg.mimeType;
  if (typeof mime !== 'string' || !(SAVE_FILE_LIMITS.mimeTypes as readonly string[]).includes(mime)) {
    return fail(
      `file.mimeType: Unsupported value: ${JSON.stringify(mime)}: supported values: ${SAVE_FILE_LIMITS.mimeTypes.map((m) => `"${m}"`).join(', ')}`,
    );
  }
  return ok({ suggestedName: name, data: arg.data, encoding, mimeType: mime });
}

export function validateMenuCommand(value: unknown): Result<MenuCommand> {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
    ? ok(value as MenuCommand)
    : fail(`Unsupported menu command ${JSON.stringify(value)}`);
}

/**
 * Shape check of a snapshot arriving from the host (browser mode reads it off the network). Checks the
 * parts the renderer indexes into without guarding; the engine built the rest.
 */
export function validateSnapshot(value: unknown): Result<ClusterSnapshot> {
  if (!isPlainObject(value)) return fail('snapshot: must be an object');
  for (const key of ['nodes', 'pods', 'services', 'objects', 'diagnostics', 'events'] as const) {
    if (!Array.isArray(value[key])) return fail(`snapshot.${key}: must be an array`);
  }
  if (typeof value.revision !== 'number' || !Number.isInteger(value.revision)) {
    return fail('snapshot.revision: must be an integer');
  }
  if (typeof value.folder !== 'string') return fail('snapshot.folder: must be a string');
  if (typeof value.clock !== 'number') return fail('snapshot.clock: must be a number');
  if (!isPlainObject(value.settings)) return fail('snapshot.settings: must be an object');
  if (!Array.isArray(value.networkPolicies)) return fail('snapshot.networkPolicies: must be an array');
  if (!isPlainObject(value.podPolicies)) return fail('snapshot.podPolicies: must be an object');
  const ingress = value.ingress;
  if (!isPlainObject(ingress) || !Array.isArray(ingress.ingresses) || !isPlainObject(ingress.controllers)) {
    return fail('snapshot.ingress: must be { ingresses: [], controllers: {} }');
  }
  return ok(value as unknown as ClusterSnapshot);
}
