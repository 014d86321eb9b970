// A new deploy of the built app is announced ("New version available") and "Reload" switches
// the page to it: the service worker's update path, end to end.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, waitForServiceWorker, type BuiltApp } from './built-app.ts';

describe('app: new version prompt (built app, service worker)', function () {
  let app: BuiltApp;
  let browser: Browser;

  before(async () => {
    app = await buildAndServe('version-one');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('offers the new version and reloads into it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await waitForServiceWorker(page);
    await page.reload();
    await page.getByText('build version-one').waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).to.equal(true);

    app.rebuild('version-two');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.getByText('New version available').waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByText('build version-two').waitFor();
    await context.close();
  });
});
