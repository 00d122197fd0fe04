/**
 * A page in a tab that is really hidden: the browser's own `visibilityState: 'hidden'`, as when
 * the user switches to another tab. Playwright cannot show this: it turns on focus emulation for
 * every page it attaches to, and Chromium keeps such a page visible (a new tab in front, a
 * minimised window and bringToFront all leave it 'visible', headless or not). So this drives a
 * headless Chromium of its own over the DevTools pipe (`--remote-debugging-pipe`: JSON messages
 * separated by NUL on fds 3 and 4), attached to the page only with Runtime and Page: opening a
 * second tab in the same window (`Target.createTarget`, `newWindow: false`) hides the first,
 * activating it again shows it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';

type Message = { id?: number; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };

export interface HiddenTabBrowser {
  /** Evaluates `expression` in the app's tab (awaiting a promise), returning its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Opens another tab in front: the app's tab is hidden. */
  hide(): Promise<void>;
  /** Brings the app's tab to the front again. */
  show(): Promise<void>;
  close(): Promise<void>;
}

/** A headless Chromium with one tab on `url`, `initScript` run in it before the page's scripts. */
export async function openHiddenTabBrowser(url: string, initScript: string, size: { width: number; height: number }): Promise<HiddenTabBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'tm-hidden-tab-'));
  const child: ChildProcess = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
    ...CHROMIUM_ARGS, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`,
    `--window-size=${size.width},${size.height}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let nextId = 1;
  const pending = new Map<number, { ok: (r: Record<string, unknown>) => void; fail: (e: Error) => void }>();
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as Message;
      buffer = buffer.slice(end + 1);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) continue;
      pending.delete(message.id);
      if (message.error) waiter.fail(new Error(message.error.message));
      else waiter.ok(message.result ?? {});
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> => new Promise((ok, fail) => {
    const id = nextId++;
    pending.set(id, { ok, fail });
    toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  });

  const { targetInfos } = await send('Target.getTargets') as { targetInfos: { targetId: string; type: string }[] };
  const app = targetInfos.find((t) => t.type === 'page');
  if (!app) throw new Error('headless Chromium opened no tab');
  const { sessionId } = await send('Target.attachToTarget', { targetId: app.targetId, flatten: true }) as { sessionId: string };
  await send('Page.enable', {}, sessionId);
  await send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
  await send('Page.navigate', { url }, sessionId);
  let other: string | null = null;

  return {
    evaluate: async <T>(expression: string): Promise<T> => {
      const answer = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId) as { result: { value: T }; exceptionDetails?: { text: string } };
      if (answer.exceptionDetails) throw new Error(`in the hidden-tab page: ${answer.exceptionDetails.text}`);
      return answer.result.value;
    },
    hide: async () => {
      const created = await send('Target.createTarget', { url: 'about:blank', newWindow: false }) as { targetId: string };
      other = created.targetId;
      await send('Target.activateTarget', { targetId: other });
    },
    show: async () => {
      await send('Target.activateTarget', { targetId: app.targetId });
      if (other) await send('Target.closeTarget', { targetId: other });
      other = null;
    },
    close: async () => {
      await send('Browser.close').catch(() => {});
      await new Promise<void>((ok) => { if (child.exitCode !== null) ok(); else child.once('exit', () => ok()); });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
