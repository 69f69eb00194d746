/** The Predict first setting, remembered in this browser (localStorage) across reloads. */
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'kube-traffic.predictFirst';

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function usePredictFirst(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(value));
    } catch {
      // Storage may be unavailable (private mode); the setting then lasts until the page closes.
    }
  }, []);
  return [on, set];
}
