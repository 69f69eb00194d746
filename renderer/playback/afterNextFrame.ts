/**
 * Calls `cb` in a task after the next frame has been drawn, so it does not share that frame's task.
 * A window that draws no frames (hidden, minimised) calls it after `fallbackMs` instead.
 */
export function afterFrame(cb: () => void, fallbackMs = 100): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    cb();
  };
  const fallback = setTimeout(once, fallbackMs);
  requestAnimationFrame(() => {
    clearTimeout(fallback);
    setTimeout(once, 0);
  });
}

/** afterFrame as a promise. */
export function afterNextFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => afterFrame(resolve, fallbackMs));
}
