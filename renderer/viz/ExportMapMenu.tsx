/**
 * [button] `Export map` in the map's toolbar: a small menu, `Export map as PNG` / `Export map as SVG`,
 * saved through api.saveFile (a Save dialog in Electron, a download in browser mode). Keyboard: the
 * menu opens on its first item, ↑/↓ move, Escape closes it and returns to the button.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import { mapFileName, renderPng, serializeMap } from './exportMap';
import type { MapHandle } from './Topology';

export interface ExportMapMenuProps {
  api: KubeTrafficApi;
  map: RefObject<MapHandle | null>;
  /** The open folder, named in the file name. */
  folder: string;
  onError(message: string): void;
}

type Format = 'png' | 'svg';
const FORMATS: { format: Format; label: string }[] = [
  { format: 'png', label: 'Export map as PNG' },
  { format: 'svg', label: 'Export map as SVG' },
];

export function ExportMapMenu({ api, map, folder, onError }: ExportMapMenuProps) {
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState(false);
  const button = useRef<HTMLButtonElement | null>(null);
  const menu = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    // A click anywhere else closes it, as a menu does.
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const exportAs = async (format: Format) => {
    setOpen(false);
    button.current?.focus();
    const svg = map.current?.svg();
    if (!svg) return onError('There is no map to export yet.');
    setWorking(true);
    try {
      const image = serializeMap(svg);
      const suggestedName = mapFileName(folder, format);
      const saved =
        format === 'svg'
          ? await api.saveFile({ suggestedName, data: image.svg, mimeType: 'image/svg+xml' })
          : await api.saveFile({ suggestedName, data: await renderPng(image), encoding: 'base64', mimeType: 'image/png' });
      if (!saved.ok) onError(saved.error);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setWorking(false);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
    e.stopPropagation();
  };

  return (
    <div className="export-map">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-disabled={working || undefined}
        onClick={() => !working && setOpen((o) => !o)}
        title="Save the map as an image (PNG) or a drawing (SVG)"
      >
        Export map
      </button>
      {open && (
        <div ref={menu} className="export-map-menu" role="menu" aria-label="Export map" onKeyDown={onMenuKey}>
          {FORMATS.map(({ format, label }) => (
            <button key={format} type="button" role="menuitem" tabIndex={-1} onClick={() => void exportAs(format)}>
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
