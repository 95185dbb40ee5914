/**
 * Draws the app's icons from the SVG below and rasterizes them with headless Chromium
 * (playwright-core driving Debian's /usr/bin/chromium), writing into assets/:
 *
 * - tray-{normal,attention,paused}.png (16 px) and @2x (32 px): colored, for Windows and Linux;
 * - tray{,Attention,Paused}Template.png (16 px) and @2x: black + alpha macOS template images;
 * - icon.png (1024 px) and icon-512.png: the app icon (electron-builder derives .icns from icon.png);
 * - icon.ico: Windows icon, an ICO container of PNG entries 16–256 px (PNG entries are valid in
 *   ICO since Windows Vista; header layout from the ICO format: ICONDIR + ICONDIRENTRY).
 *
 * Run: `npx tsx scripts/make-icons.ts [--preview out.png]` (the preview shows every tray icon
 * enlarged on light and dark backgrounds, for checking by eye).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/browser.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

type Variant = 'normal' | 'attention' | 'paused';

const BLUE = '#3d8bfd';
const GRAY = '#8a94a6';
const ORANGE = '#ff7a1a';

/**
 * The tray glyph on a 16-unit grid: a pager (rounded body, antenna) whose screen shows a ">_"
 * prompt. `template` draws it black with the prompt cut out (macOS); otherwise colored with a
 * white prompt. "attention" adds a dot top-right, "paused" a pause badge, each with a clear gap.
 */
function traySvg(variant: Variant, template: boolean, px: number): string {
  const body = template ? '#000' : variant === 'paused' ? GRAY : BLUE;
  const ink = template ? '#000' : '#fff';
  const badgeColor = template ? '#000' : variant === 'attention' ? ORANGE : GRAY;
  const hasBadge = variant !== 'normal';
  const prompt = `
    <path d="M3.6 6.4 L6.3 8.6 L3.6 10.8" fill="none" stroke="${ink}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M8 10.8 H11" stroke="${ink}" stroke-width="1.7" stroke-linecap="round"/>`;
  const badge =
    variant === 'attention'
      ? `<circle cx="12.6" cy="3.4" r="3.1" fill="${badgeColor}"/>`
      : `<rect x="10.2" y="0.6" width="1.8" height="5.6" rx="0.5" fill="${badgeColor}"/>
         <rect x="13.2" y="0.6" width="1.8" height="5.6" rx="0.5" fill="${badgeColor}"/>`;
  const gap =
    variant === 'attention'
      ? `<circle cx="12.6" cy="3.4" r="4.6" fill="#000"/>`
      : `<rect x="8.8" y="-1" width="7.6" height="8.6" rx="1.4" fill="#000"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 16 16">
  <defs>
    <mask id="m" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16">
      <rect width="16" height="16" fill="#fff"/>
      ${template ? prompt : ''}
      ${hasBadge ? gap : ''}
    </mask>
  </defs>
  <g mask="url(#m)">
    <rect x="0.8" y="3.2" width="14.4" height="11.4" rx="2.6" fill="${body}"/>
    <rect x="10.6" y="0.6" width="2.2" height="4" rx="1.1" fill="${body}"/>
  </g>
  ${template ? '' : prompt}
  ${hasBadge ? badge : ''}
</svg>`;
}

/** The app icon on a 1024 grid: dark rounded square, blue pager with a terminal screen, orange dot. */
function appIconSvg(px: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2b3444"/><stop offset="1" stop-color="#141922"/>
    </linearGradient>
    <linearGradient id="body" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#5aa2ff"/><stop offset="1" stop-color="#2f6fe0"/>
    </linearGradient>
    <linearGradient id="screen" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#0f1620"/><stop offset="1" stop-color="#18212e"/>
    </linearGradient>
    <filter id="shadow" x="-20%" y="-20%" width="140%" height="150%">
      <feDropShadow dx="0" dy="18" stdDeviation="22" flood-color="#000" flood-opacity="0.45"/>
    </filter>
  </defs>
  <rect x="80" y="80" width="864" height="864" rx="192" fill="url(#bg)"/>
  <g filter="url(#shadow)">
    <rect x="642" y="196" width="64" height="150" rx="32" fill="#2f6fe0"/>
    <rect x="196" y="300" width="632" height="470" rx="96" fill="url(#body)"/>
  </g>
  <rect x="256" y="364" width="512" height="270" rx="44" fill="url(#screen)"/>
  <path d="M330 440 L420 500 L330 560" fill="none" stroke="#5ef0a0" stroke-width="40" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M470 560 H590" stroke="#5ef0a0" stroke-width="40" stroke-linecap="round"/>
  <circle cx="330" cy="702" r="22" fill="#cfe2ff"/>
  <circle cx="400" cy="702" r="22" fill="#cfe2ff" opacity="0.7"/>
  <circle cx="470" cy="702" r="22" fill="#cfe2ff" opacity="0.45"/>
  <circle cx="808" cy="296" r="92" fill="#1b2230"/>
  <circle cx="808" cy="296" r="68" fill="${ORANGE}"/>
</svg>`;
}

async function render(page: Page, svg: string, px: number): Promise<Buffer> {
  await page.setViewportSize({ width: px, height: px });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
  );
  return page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
}

/** Packs PNG images into an ICO file: ICONDIR (6 bytes), ICONDIRENTRY (16 bytes each), data. */
export function buildIco(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

async function main(): Promise<void> {
  const previewAt = process.argv.indexOf('--preview');
  const previewPath = previewAt > 0 ? process.argv[previewAt + 1] : undefined;
  mkdirSync(assets, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const written: string[] = [];
    const save = (name: string, data: Buffer) => {
      writeFileSync(join(assets, name), data);
      written.push(name);
    };
    const variants: Variant[] = ['normal', 'attention', 'paused'];
    const templateName = {
      normal: 'trayTemplate',
      attention: 'trayAttentionTemplate',
      paused: 'trayPausedTemplate',
    };
    for (const v of variants) {
      save(`tray-${v}.png`, await render(page, traySvg(v, false, 16), 16));
      save(`tray-${v}@2x.png`, await render(page, traySvg(v, false, 32), 32));
      save(`${templateName[v]}.png`, await render(page, traySvg(v, true, 16), 16));
      save(`${templateName[v]}@2x.png`, await render(page, traySvg(v, true, 32), 32));
    }
    save('icon.png', await render(page, appIconSvg(1024), 1024));
    save('icon-512.png', await render(page, appIconSvg(512), 512));
    const icoSizes = [16, 24, 32, 48, 64, 128, 256];
    const icoImages = [];
    for (const size of icoSizes) icoImages.push({ size, png: await render(page, appIconSvg(size), size) });
    save('icon.ico', buildIco(icoImages));

    if (previewPath) {
      const dataUrl = (f: string) =>
        `data:image/png;base64,${readFileSync(join(assets, f)).toString('base64')}`;
      const cells = variants
        .flatMap((v) => [`tray-${v}`, templateName[v]])
        .flatMap((n) => [`${n}.png`, `${n}@2x.png`])
        .map((f) => `<figure><img src="${dataUrl(f)}"><figcaption>${f}</figcaption></figure>`)
        .join('');
      const html = `<!doctype html><style>
        body{margin:0;font:12px sans-serif}
        .row{display:flex;flex-wrap:wrap;gap:8px;padding:12px}
        .dark{background:#1f232b;color:#ddd}.light{background:#eef0f3}
        img{width:64px;height:64px;image-rendering:pixelated} figure{margin:0;text-align:center;width:150px}
        .actual img{width:auto;height:auto;image-rendering:auto}
      </style>
      <div class="row light">${cells}</div><div class="row dark">${cells}</div>
      <div class="row light actual">${cells}</div><div class="row dark actual">${cells}</div>
      <div class="row dark"><img style="width:256px;height:256px" src="${dataUrl('icon.png')}"></div>`;
      const preview = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      await preview.setContent(html);
      await preview.screenshot({ path: previewPath, fullPage: true });
    }
    process.stdout.write(`wrote ${written.length} files to assets/: ${written.join(', ')}\n`);
  } finally {
    await browser.close();
  }
}

await main();
