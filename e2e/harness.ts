/**
 * The browser-test harness every e2e/*.e2e.ts shares: Debian's Chromium through playwright-core,
 * steps that run in order (a failed step skips the rest, which would fail for the same reason),
 * a screenshot on failure, and the closing `N passed, N failed` line CI reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const BASE = (process.env.FITDESK_E2E_URL ?? 'http://localhost:4319').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Lower-case letters only, so the full-text parser sees one plain word. */
export const randomWord = (n = 6) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

export function expect(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export const waitForPath = (page: Page, re: RegExp) => page.waitForURL((u) => re.test(u.pathname), { timeout: 15_000 });

type Step = { name: string; fn: (page: Page) => Promise<void> };

/** A suite of ordered steps; `shotPrefix` keeps each file's screenshots apart. */
export function createSuite(opts: { shotPrefix?: string; viewport?: { width: number; height: number } } = {}) {
  const steps: Step[] = [];
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${opts.shotPrefix ?? ''}${name}.png`), fullPage: false }).then(() => undefined);
  const test = (name: string, fn: (page: Page) => Promise<void>) => void steps.push({ name, fn });

  async function runAll(): Promise<number> {
    fs.mkdirSync(SHOTS, { recursive: true });
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-e2e-chromium-'));
    const results: Array<{ name: string; ok: boolean }> = [];
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: opts.viewport ?? DESKTOP, args: CHROMIUM_ARGS });
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      let failedBefore = false;
      for (const t of steps) {
        if (failedBefore) {
          results.push({ name: t.name, ok: false });
          console.log(`  - ${t.name} (skipped after an earlier failure)`);
          continue;
        }
        const started = Date.now();
        try {
          await t.fn(page);
          results.push({ name: t.name, ok: true });
          console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
        } catch (e) {
          const error = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e);
          results.push({ name: t.name, ok: false });
          console.log(`  ✗ ${t.name}\n      ${error.replace(/\n/g, '\n      ')}`);
          await shot(page, `failure-${results.length}`).catch(() => undefined);
          failedBefore = true;
        }
      }
      if (pageErrors.length) console.log(`  page errors:\n    ${pageErrors.join('\n    ')}`);
    } finally {
      await context?.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }

  /** Runs the steps and exits the process with their result. */
  const run = () =>
    runAll().then(
      (code) => process.exit(code),
      (e: unknown) => {
        console.error(e);
        console.log(`0 passed, ${steps.length} failed`);
        process.exit(1);
      },
    );
  return { test, shot, run };
}
