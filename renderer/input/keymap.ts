/**
 * Playback keys, as a pure mapping so it can be tested: Space plays/pauses, ←/→ step, Home/End jump.
 * Keys typed into a text field, a select or a button (Space/Enter activate buttons) stay theirs.
 */
export type PlaybackCommand = 'toggle' | 'forward' | 'back' | 'home' | 'end';

export interface KeyContext {
  key: string;
  /** Tag name of the focused element (upper case) and its input type, if any. */
  tag: string;
  inputType?: string;
  editable?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export function playbackCommand(k: KeyContext): PlaybackCommand | null {
  if (k.altKey || k.ctrlKey || k.metaKey) return null;
  const textual =
    k.editable ||
    k.tag === 'TEXTAREA' ||
    k.tag === 'SELECT' ||
    (k.tag === 'INPUT' && k.inputType !== 'range' && k.inputType !== 'checkbox');
  if (textual) return null;
  switch (k.key) {
    case ' ':
    case 'Spacebar':
      return k.tag === 'BUTTON' || k.tag === 'A' || (k.tag === 'INPUT' && k.inputType !== 'range') ? null : 'toggle';
    case 'ArrowRight':
      return 'forward';
    case 'ArrowLeft':
      return 'back';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    default:
      return null;
  }
}
