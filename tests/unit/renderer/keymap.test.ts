import { describe, expect, it } from 'vitest';
import { playbackCommand } from '../../../renderer/input/keymap';

describe('playback keys', () => {
  it('maps Space, arrows, Home and End on the page', () => {
    expect(playbackCommand({ key: ' ', tag: 'BODY' })).toBe('toggle');
    expect(playbackCommand({ key: 'ArrowRight', tag: 'BODY' })).toBe('forward');
    expect(playbackCommand({ key: 'ArrowLeft', tag: 'BODY' })).toBe('back');
    expect(playbackCommand({ key: 'Home', tag: 'BODY' })).toBe('home');
    expect(playbackCommand({ key: 'End', tag: 'BODY' })).toBe('end');
    expect(playbackCommand({ key: 'x', tag: 'BODY' })).toBeNull();
  });

  it('leaves keys typed into text fields and selects alone', () => {
    expect(playbackCommand({ key: ' ', tag: 'INPUT', inputType: 'text' })).toBeNull();
    expect(playbackCommand({ key: 'ArrowLeft', tag: 'INPUT', inputType: 'search' })).toBeNull();
    expect(playbackCommand({ key: 'ArrowRight', tag: 'SELECT' })).toBeNull();
    expect(playbackCommand({ key: 'Home', tag: 'DIV', editable: true })).toBeNull();
  });

  it('lets Space press a focused button instead of toggling twice', () => {
    expect(playbackCommand({ key: ' ', tag: 'BUTTON' })).toBeNull();
    expect(playbackCommand({ key: 'ArrowRight', tag: 'BUTTON' })).toBe('forward');
  });

  it('steps with arrows on the Timeline slider', () => {
    expect(playbackCommand({ key: 'ArrowRight', tag: 'INPUT', inputType: 'range' })).toBe('forward');
    expect(playbackCommand({ key: ' ', tag: 'INPUT', inputType: 'range' })).toBe('toggle');
  });

  it('ignores shortcuts with modifiers (browser and OS keys)', () => {
    expect(playbackCommand({ key: 'ArrowLeft', tag: 'BODY', altKey: true })).toBeNull();
    expect(playbackCommand({ key: 'End', tag: 'BODY', ctrlKey: true })).toBeNull();
  });
});
