/**
 * The browser the dashboard tests drive, through playwright-core: CHROME_PATH, else the machine's own
 * Chromium, Chrome or Edge, else the headless Chromium the @sparticuz/chromium devDependency ships for
 * Linux (x64 and arm64), unpacked into the temp folder on first use. Nothing is downloaded.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where an installed browser usually is, by platform. */
const INSTALLED: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** Flags for an installed browser: headless, and nothing that reaches out to the network by itself. */
const INSTALLED_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function installedBrowser(): string | undefined {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return INSTALLED[process.platform]?.find((path) => existsSync(path));
}

const packaged = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');

/** Why the browser tests cannot run here, or undefined when they can. */
export function noBrowser(): string | undefined {
  if (installedBrowser() || packaged) return undefined;
  return `no browser for ${process.platform}-${process.arch}: install Chrome, Chromium or Edge, or set CHROME_PATH`;
}

/** A headless browser; the caller closes it. */
export async function launchBrowser(): Promise<Browser> {
  const installed = installedBrowser();
  if (installed) return chromium.launch({ executablePath: installed, args: INSTALLED_ARGS });
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args });
}
