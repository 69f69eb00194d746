/**
 * App-wide guards for every web contents, present and future (Electron security checklist items
 * 5, 11–14): the single-page renderer never navigates, never opens windows, never embeds a
 * <webview>, and needs no permission (camera, notifications, clipboard-read…). Dropping a file on
 * the window would otherwise navigate to file:///…; the renderer handles drops itself.
 */
import type { App, Session, WebContents } from 'electron';

type AppLike = Pick<App, 'on'>;
type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: ContentsLike): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function installSecurityGuards(app: AppLike, session: SessionLike): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  denyAllPermissions(session);
}
