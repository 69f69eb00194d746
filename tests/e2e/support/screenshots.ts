/** Screenshots of one state of the page at a laptop and a large screen, light and dark. */
import type { Locator, Page } from '@playwright/test';
import { screenshotPath } from './webServer';

const SIZES = [
  { name: '1280', width: 1280, height: 720 },
  { name: '1920', width: 1920, height: 1080 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** `NAME-1280-light.png` … `NAME-1920-dark.png`; `prepare` runs after each resize (zoom, scroll into view). */
export async function screenshotEverySize(page: Page, name: string, prepare?: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    for (const scheme of SCHEMES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await prepare?.();
      await page.screenshot({ path: screenshotPath(`${name}-${size.name}-${scheme}`) });
    }
  }
}

/** Zoom the map in on a card until it is about 200 px wide, so its badges and a packet's labels read well. */
export async function zoomOn(page: Page, card: Locator): Promise<void> {
  await page.getByRole('button', { name: 'Fit to view' }).click();
  for (let i = 0; i < 12; i++) {
    const box = (await card.boundingBox())!;
    if (box.width >= 190) break;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
}
