#!/usr/bin/env node
'use strict';
// Renders client/media/icon.svg to the 128x128 PNG the extension manifest needs (`icon`), with the
// Chromium that the end-to-end tests use. Run it after editing the SVG; the PNG is committed.
const path = require('path');
const { chromium } = require('playwright-core');

(async () => {
  const svg = path.join(__dirname, '..', 'client', 'media', 'icon.svg');
  const png = path.join(__dirname, '..', 'client', 'media', 'icon.png');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.goto(`file://${svg}`);
    await page.screenshot({ path: png, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
    console.log(`wrote ${png}`);
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
