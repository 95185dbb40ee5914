/**
 * Where the built app's pieces live, computed from the bundled main file's own URL so it works
 * the same in `electron .`, in Playwright, and inside the packaged asar. Layout produced by
 * scripts/build.mjs: `dist/electron/main.js`, `dist/preload/index.cjs`,
 * `dist/renderer/index.html`, `dist/hook-helper.cjs`; icons in `assets/` beside `dist/`.
 */
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths of the app's built files. */
export interface AppPaths {
  /** The `dist` folder. */
  dist: string;
  preload: string;
  /** Folder served as the renderer (index.html and its assets). */
  rendererDir: string;
  /** The Claude hook helper, outside the asar (see {@link unpackedPath}). */
  hookHelper: string;
  /** The `assets` folder with tray and app icons. */
  assets: string;
}

/**
 * Maps a path inside `app.asar` to the same path in `app.asar.unpacked`, where electron-builder's
 * `asarUnpack` puts files that other processes must execute or read with plain fs (a hook helper
 * run by Claude Code through `ELECTRON_RUN_AS_NODE` cannot see inside the archive). Paths outside
 * an asar come back unchanged.
 */
export function unpackedPath(path: string): string {
  const marker = `${sep}app.asar${sep}`;
  const at = path.indexOf(marker);
  if (at < 0) return path;
  return `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + marker.length)}`;
}

/** The app paths for a main bundle at `mainFileUrl` (pass `import.meta.url` of dist/electron/main.js). */
export function appPaths(mainFileUrl: string): AppPaths {
  const dist = dirname(dirname(fileURLToPath(mainFileUrl)));
  return {
    dist,
    preload: join(dist, 'preload', 'index.cjs'),
    rendererDir: join(dist, 'renderer'),
    hookHelper: unpackedPath(join(dist, 'hook-helper.cjs')),
    assets: join(dirname(dist), 'assets'),
  };
}
