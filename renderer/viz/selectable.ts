import type { KeyboardEvent, MouseEvent } from 'react';

/**
 * The props that make a drawn node, Pod or Service selectable by mouse and keyboard: focusable,
 * keyed for tests and layout lookups, selected on click (without reaching the canvas's own click,
 * which clears the selection) and on Enter.
 */
export function selectableProps(key: string, onSelect: (key: string) => void) {
  return {
    // Not in the tab order: the map is one tab stop and arrow keys move inside it (Topology.tsx).
    tabIndex: -1,
    'data-key': key,
    onClick: (e: MouseEvent) => {
      e.stopPropagation();
      onSelect(key);
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter') onSelect(key);
    },
  };
}
