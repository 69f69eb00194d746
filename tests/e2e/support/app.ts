/** Page-object helpers: drive the app through its accessible names (cli-contract.md, "UI handles"). */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('group', { name: /^Node / }).first()).toBeVisible();
  }

  node(name: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^Node ${name},`) });
  }

  pod(name: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^Pod ${name},`) });
  }

  service(name: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^Service ${name},`) });
  }

  get inspector(): Locator {
    return this.page.getByRole('region', { name: 'Packet inspector' });
  }

  get eventList(): Locator {
    return this.page.getByRole('region', { name: 'Event list' });
  }

  get problems(): Locator {
    return this.page.getByRole('region', { name: 'Problems' });
  }

  /** The Pod's IP, read from its accessible label ("Pod pod-1, 10.244.1.3, Running, on k8s-node1"). */
  async podIP(name: string): Promise<string> {
    const label = (await this.pod(name).getAttribute('aria-label')) ?? '';
    const ip = /, (\d+\.\d+\.\d+\.\d+),/.exec(label)?.[1];
    expect(ip, `IP in "${label}"`).toBeTruthy();
    return ip!;
  }

  /** Send from a source to a target: a target id from the list, or typed text (`curl IP:PORT`). */
  async send(from: string, to: { pick: string } | { type: string }, count = 1): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Source' }).selectOption(from);
    const typed = this.page.getByRole('textbox', { name: 'Target address' });
    if ('pick' in to) {
      await typed.fill('');
      await this.page.getByRole('combobox', { name: 'Target' }).selectOption(to.pick);
    } else await typed.fill(to.type);
    await this.page.getByRole('spinbutton', { name: 'Count' }).fill(String(count));
    await this.page.getByRole('button', { name: 'Send request' }).click();
    await expect(this.eventList.getByRole('row').nth(1)).toBeVisible();
    // The session's first run plays by itself; the specs start each run paused at its first hop.
    await this.page.getByRole('button', { name: 'Jump to start' }).click();
    await expect(this.inspector).toContainText('hop 1 of');
  }

  get results(): Locator {
    return this.page.getByRole('region', { name: 'Results' });
  }

  get playbackBar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Playback' });
  }

  /** Back to the run's first hop, paused. */
  async home(): Promise<void> {
    await this.page.getByRole('button', { name: 'Jump to start' }).click();
  }

  /** Jump to the end of the run: every outcome is shown (they are hidden until playback reaches them). */
  async toEnd(): Promise<void> {
    await this.page.getByRole('button', { name: 'Jump to end' }).click();
  }

  /** Rows of the event list (without the header). */
  eventRows(): Locator {
    return this.eventList.locator('tbody tr');
  }

  async stepForward(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.getByRole('button', { name: 'Step forward' }).click();
  }

  async stepBack(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.getByRole('button', { name: 'Step back' }).click();
  }

  /** Step until the inspector shows `action` (at most the whole run). */
  async stepTo(action: string): Promise<void> {
    const rows = await this.eventRows().count();
    for (let i = 0; i < rows; i++) {
      if ((await this.inspector.locator('.action-line .action').textContent()) === action) return;
      await this.stepForward();
    }
    throw new Error(`no hop with action ${action}`);
  }
}
