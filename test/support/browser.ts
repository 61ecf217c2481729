import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless; without the background-networking flags it keeps dialing out on this network. */
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: launchArgs });
}

/** Waits until a message bubble of the website widget (in its shadow root) matches `pattern`. */
export async function waitForBubble(page: Page, pattern: RegExp, timeout = 15000): Promise<void> {
  await page.waitForFunction(
    ([source, flags]) => {
      const root = document.querySelector('#omnibot-widget')?.shadowRoot;
      return Array.from(root?.querySelectorAll('.msg') ?? []).some((el) => new RegExp(source, flags).test(el.textContent ?? ''));
    },
    [pattern.source, pattern.flags] as const,
    { timeout },
  );
}
