import type { Browser, Page } from 'playwright-core';
import { launchChromium, waitForBubble } from '../support/browser';
import { startTestPlatform, type TestPlatform } from '../integration/channels/platform';

/** Text of every message bubble in the widget's log. */
async function bubbles(page: Page): Promise<string[]> {
  return page.locator('[data-omnibot=log] .msg').allTextContents();
}

const activeWidgetElement = (page: Page) => page.evaluate(() => (document.querySelector('#omnibot-widget')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset.omnibot ?? null);

describe('website widget in headless Chromium', () => {
  let t: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('English: keyboard flow, quick replies, typed answers over the websocket, history for a returning visitor', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${t.url}/demo?lang=en`);

    const launcher = page.locator('[data-omnibot=launcher]');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-omnibot=panel]');
    await panel.waitFor({ state: 'visible' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.getAttribute('dir')).toBe('ltr');
    expect(await page.locator('[data-omnibot=log]').getAttribute('aria-live')).toBe('polite');
    expect(await activeWidgetElement(page)).toBe('input');

    await waitForBubble(page, /virtual assistant/);
    await waitForBubble(page, /Do you agree/);
    const yes = page.locator('[data-omnibot=quick-replies] button', { hasText: 'Yes' });
    await yes.waitFor();
    await yes.focus();
    await page.keyboard.press('Enter');
    await waitForBubble(page, /skin type/);

    await page.locator('[data-omnibot=input]').fill('I have dry skin');
    await page.keyboard.press('Enter');
    await waitForBubble(page, /budget/i);
    expect(sockets.some((url) => /\/api\/channels\/web\/demo\/ws\?token=/.test(url))).toBe(true);

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await activeWidgetElement(page)).toBe('launcher');

    // A returning visitor: same browser storage, new page load.
    const before = await bubbles(page);
    await page.reload();
    await page.locator('[data-omnibot=launcher]').click();
    await waitForBubble(page, /budget/i);
    const after = await bubbles(page);
    expect(after.length).toBe(before.length);
    expect(after.filter((text) => /virtual assistant/.test(text))).toHaveLength(1);
    await context.close();
  });

  it('falls back to HTTP when websockets are unavailable', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'WebSocket', { value: undefined });
    });
    const page = await context.newPage();
    await page.goto(`${t.url}/demo?lang=en&open=1`);
    await waitForBubble(page, /Do you agree/);
    await page.locator('[data-omnibot=input]').fill('yes');
    await page.keyboard.press('Enter');
    await waitForBubble(page, /skin type/);
    await context.close();
  });

  it('Persian: right-to-left panel, Persian interface and conversation', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    await page.goto(`${t.url}/demo?lang=fa`);
    await page.locator('[data-omnibot=launcher]').click();
    const panel = page.locator('[data-omnibot=panel]');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.getAttribute('dir')).toBe('rtl');
    expect(await page.locator('[data-omnibot=input]').getAttribute('placeholder')).toBe('پیام خود را بنویسید…');
    await waitForBubble(page, /دستیار/);
    const first = page.locator('[data-omnibot=quick-replies] button').first();
    await first.waitFor();
    await first.click();
    await waitForBubble(page, /نوع پوست/);
    // The launcher sits on the left in a right-to-left layout.
    const box = await page.locator('[data-omnibot=launcher]').boundingBox();
    expect(box!.x).toBeLessThan(200);
    await context.close();
  });
});
