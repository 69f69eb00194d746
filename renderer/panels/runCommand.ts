import type { PlaybackCommand } from '../input/keymap';
import type { PlaybackController } from '../playback/controller';

export function runCommand(c: PlaybackController, cmd: PlaybackCommand): void {
  switch (cmd) {
    case 'toggle':
      return c.toggle();
    case 'forward':
      return c.stepForward();
    case 'back':
      return c.stepBack();
    case 'home':
      return c.home();
    case 'end':
      return c.end();
  }
}
