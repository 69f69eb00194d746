/** App-wide guards: no navigation, no new windows, no <webview>, no permissions. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installSecurityGuards } from '../../../electron/security';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function preventable() {
  const event = {
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

function setup() {
  const app = new EventEmitter();
  const session = {
    request: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    check: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(h: typeof this.request) {
      this.request = h;
    },
    setPermissionCheckHandler(h: typeof this.check) {
      this.check = h;
    },
  };
  installSecurityGuards(app as never, session as never);
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { session, contents };
}

describe('installSecurityGuards', () => {
  it('blocks every navigation and redirect of every web contents', () => {
    const { contents } = setup();
    for (const event of ['will-navigate', 'will-redirect']) {
      const e = preventable();
      contents.emit(event, e, 'https://example.com/');
      expect(e.prevented).toBe(true);
    }
    // A folder dropped outside the drop zone would otherwise navigate to file:///…
    const drop = preventable();
    contents.emit('will-navigate', drop, 'file:///home/me/cluster');
    expect(drop.prevented).toBe(true);
  });

  it('denies new windows and refuses to attach a <webview>', () => {
    const { contents } = setup();
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const e = preventable();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { session } = setup();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      let granted: boolean | null = null;
      session.request!({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
    }
    expect(session.check!({}, 'media')).toBe(false);
  });
});
