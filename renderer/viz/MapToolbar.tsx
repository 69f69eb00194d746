/**
 * The map's own toolbar, above the drawing: the label selector, Export map, zoom and fit. It acts on the map
 * through its handle, so the drawing (memoised) never re-renders for it.
 */
import type { RefObject } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import { SelectorBox } from '../panels/SelectorBox';
import { ExportMapMenu } from './ExportMapMenu';
import type { MapHandle } from './Topology';

/** Its height in CSS px (styles/topology.css .map-toolbar), for the drawing's aspect. */
export const MAP_TOOLBAR_HEIGHT = 39;

export interface MapToolbarProps {
  api: KubeTrafficApi;
  revision: number;
  onMatches(matches: Set<string> | null): void;
  map: RefObject<MapHandle | null>;
  /** The open folder (Export map names its file after it), and where an export failure is told. */
  folder: string;
  onExportError(message: string): void;
  /** Replicas of a workload on a node drawn as one card (aria-pressed), and its toggle. */
  grouped: boolean;
  onGroupReplicas(): void;
}

export function MapToolbar({ api, revision, onMatches, map, folder, onExportError, grouped, onGroupReplicas }: MapToolbarProps) {
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Map">
      <SelectorBox api={api} revision={revision} onMatches={onMatches} />
      <span className="spacer" />
      <button
        type="button"
        className="group-toggle"
        aria-pressed={grouped}
        onClick={onGroupReplicas}
        title="Draw the Pods of one workload on one node as one card (open a card to see its Pods)"
      >
        Group replicas
      </button>
      <ExportMapMenu api={api} map={map} folder={folder} onError={onExportError} />
      <div className="zoom-controls">
        <button type="button" onClick={() => map.current?.zoomBy(1.25)} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button type="button" onClick={() => map.current?.zoomBy(0.8)} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        <button type="button" onClick={() => map.current?.fit()} aria-label="Fit to view" title="Fit to view">
          Fit
        </button>
      </div>
    </div>
  );
}
