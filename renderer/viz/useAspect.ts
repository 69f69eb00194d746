/** The map's width : height, in aspectStep's steps, following the element's size. */
import { useEffect, useState, type RefObject } from 'react';
import { aspectStep, TARGET_ASPECT } from './layout';

/** `chrome`: height inside the element that is not drawing (the map's toolbar). */
export function useAspect(ref: RefObject<HTMLElement | null>, chrome = 0): number {
  const [aspect, setAspect] = useState(TARGET_ASPECT);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]!.contentRect;
      setAspect(aspectStep(box.width, box.height - chrome));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, chrome]);
  return aspect;
}
