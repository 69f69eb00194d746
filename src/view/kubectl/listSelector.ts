/**
 * A `-l` selector as `kubectl get` hands it to the API server: parsed, or refused with the server's
 * BadRequest, word for word. Shared by `get -l` and `reach --from/--to`, so both say the same thing.
 */
import { parseSelector, SelectorParseError, type Requirement } from '../../util/selector';

export type ListSelector = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

/** `resource`: the plural the API server names in its message (`pods`, `services`), in `groupVersion`. */
export function parseListSelector(resource: string, text: string, groupVersion = '/v1'): ListSelector {
  try {
    return { ok: true, requirements: parseSelector(text) };
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e;
    return {
      ok: false,
      error: `Error from server (BadRequest): Unable to find "${groupVersion}, Resource=${resource}" that match label selector ${JSON.stringify(text)}, field selector "": ${e.message}`,
    };
  }
}
