import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, waitForBubble } from '../support/browser';
import type { TestDatabase } from '../support/databases';
import { admin, createAgent, freshDatabase, login, sql, startInboxPlatform, waitFor, type InboxPlatform } from '../integration/inbox/support';

describe('handoff in the browser: widget customer ↔ agent console', () => {
  let db: TestDatabase;
  let p: InboxPlatform;
  let browser: Browser;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/ensure-console.cjs')], { stdio: 'inherit' });
    db = await freshDatabase();
    p = await startInboxPlatform(db.url);
    browser = await launchChromium();
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
    await db?.drop();
  });

  test('a customer asks for a human, an agent claims, replies and hands back; the bot is silent in between', async () => {
    const adminToken = await login(p, admin);
    const agent = await createAgent(p, adminToken, { name: 'Sara Agent' });

    const customer = await (await browser.newContext()).newPage();
    await customer.goto(`${p.url}/demo?lang=en`);
    await customer.locator('[data-omnibot=launcher]').click();
    await waitForBubble(customer, /virtual assistant/);
    await customer.locator('[data-omnibot=input]').fill('human');
    await customer.keyboard.press('Enter');
    await waitForBubble(customer, /connecting you|person from our team/i);

    const console = await (await browser.newContext()).newPage();
    await console.goto(`${p.url}/console/`);
    await console.getByLabel('Email').fill(agent.email);
    await console.getByLabel('Password').fill('agent-password-1');
    await console.getByRole('button', { name: 'Sign in' }).click();
    await console.getByRole('tab', { name: /Queue/ }).waitFor();
    const item = console.locator('.items .item').first();
    await item.waitFor({ timeout: 15000 });
    expect(await item.textContent()).toMatch(/customer asked for a human/);
    await item.click();
    await console.getByRole('heading', { level: 2 }).waitFor({ timeout: 5000 }).catch(async () => {
      process.stdout.write(`DEBUG main: ${await console.locator('main').first().innerText()}\n`);
      await item.click();
    });
    await console.getByRole('button', { name: 'Claim' }).click();
    await waitForBubble(customer, /Sara from our team has joined/);

    await customer.locator('[data-omnibot=input]').fill('Is the vitamin C serum in stock?');
    await customer.keyboard.press('Enter');
    await console.locator('.transcript .msg-contact', { hasText: 'Is the vitamin C serum in stock?' }).waitFor({ timeout: 15000 });

    await console.getByLabel('Reply to the customer').fill('Yes, we have it in stock. Shall I reserve one?');
    await console.getByRole('button', { name: 'Send' }).click();
    await waitForBubble(customer, /Shall I reserve one/);
    await console.locator('.transcript .msg-agent', { hasText: 'Shall I reserve one' }).waitFor();

    const [conversation] = await sql(db.url, `select id, owner, assigned_agent_id from conversations where owner = 'human'`);
    expect(conversation.assigned_agent_id).toBe(agent.id);
    const sinceHandoff = async () => {
      const rows = await sql(db.url, `select sender, text from messages where conversation_id = $1 order by id`, [conversation.id]);
      return rows.slice(rows.findIndex((r) => r.sender === 'system'));
    };
    expect((await sinceHandoff()).some((r) => r.sender === 'bot')).toBe(false);

    await console.getByRole('button', { name: 'Hand back to bot' }).click();
    await waitForBubble(customer, /chatting with our assistant again/);
    await waitFor(async () => (await sql(db.url, `select owner from conversations where id = $1 and owner = 'bot'`, [conversation.id]))[0], 'owner back to bot');
    const afterHandBack = (await sinceHandoff()).filter((r) => r.sender === 'bot').length;
    await customer.locator('[data-omnibot=input]').fill('hello');
    await customer.keyboard.press('Enter');
    await waitFor(async () => (await sinceHandoff()).filter((r) => r.sender === 'bot').length > afterHandBack, 'a bot reply after the hand back');
    const rows = await sinceHandoff();
    const backAt = rows.findIndex((r) => /assistant again/.test(r.text));
    expect(rows.slice(0, backAt).some((r) => r.sender === 'bot')).toBe(false);
  }, 90000);
});
