/** The lines zoomStack placed, drawn scaled (a transform, so the cards' CSS font sizes stay as they are). */
import type { ZoomLine } from './lod';

export function ZoomedText({ lines, x, y }: { lines: ZoomLine[]; x: number; y: number }) {
  return (
    <>
      {lines.map((l, i) => (
        <text key={i} className={`zoomed ${l.cls}`} transform={`translate(${x},${y + l.y}) scale(${l.scale.toFixed(3)})`}>
          {l.text}
        </text>
      ))}
    </>
  );
}
