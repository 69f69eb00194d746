/**
 * Dropping a folder (or a manifest in it) on the window opens it. Only Electron can turn a dropped
 * item into a path (webUtils.getPathForFile, exposed as api.pathForFile); a browser cannot.
 */
import { useEffect, useState } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';

export function useFolderDrop(api: KubeTrafficApi, open: (path: string) => void): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const pathForFile = api.pathForFile?.bind(api);
    if (!pathForFile) return;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      const path = pathForFile(file);
      if (path) open(path);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [api, open]);
  return over;
}
