/**
 * Resolves in a task after the next frame has been drawn, so what follows does not share that frame's
 * task. A window that draws no frames (hidden, minimised) resolves after `fallbackMs` instead.
 */
export function afterNextFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}
