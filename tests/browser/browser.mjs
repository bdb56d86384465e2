// Debian's Chromium, headless, driven by playwright-core (never a browser of Playwright's own), and
// the checks every page gets: axe-core, its Content-Security-Policy, a screenshot.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function startBrowser({ executablePath, spkiHash }) {
  return chromium.launch({
    executablePath,
    // Playwright gives every launch a fresh, empty --user-data-dir of its own and removes it after.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Trust the server's throwaway certificate by its key, and no other: the pages load as they
      // would for a school whose certificate is trusted.
      `--ignore-certificate-errors-spki-list=${spkiHash}`],
  });
}

// One member of staff's browser: their own cookies, signed in by opening a launch link as the MIS would.
export async function signIn(browser, origin, launchLink) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.cspErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) page.cspErrors.push(msg.text());
  });
  const answer = await page.goto(origin + launchLink);
  if (answer.status() !== 200) throw new Error(`the launch link answered ${answer.status()}`);
  page.landedOn = new URL(page.url()).pathname;  // where the launch link's redirect led
  return page;
}

// axe-core in the page. The page's CSP (default-src 'none') refuses any script the page itself
// loads, so addScriptTag would be blocked; page.evaluate runs axe through the DevTools protocol,
// which the CSP does not govern, and the page keeps its real policy while it is checked.
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

export function describeViolations(violations) {
  return violations.map((v) => `  ${v.impact} ${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}

export async function screenshot(page, artifacts, name) {
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
