import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPaths, unpackedPath } from '../../../main/electron/paths.js';

describe('app paths', () => {
  it('finds preload, renderer, hook helper and assets from the main bundle URL', () => {
    const root = join(sep, 'opt', 'Agent Pager', 'resources', 'app.asar');
    const p = appPaths(pathToFileURL(join(root, 'dist', 'electron', 'main.js')).href);
    expect(p.dist).toBe(join(root, 'dist'));
    expect(p.preload).toBe(join(root, 'dist', 'preload', 'index.cjs'));
    expect(p.rendererDir).toBe(join(root, 'dist', 'renderer'));
    expect(p.assets).toBe(join(root, 'assets'));
    expect(p.hookHelper).toBe(
      join(sep, 'opt', 'Agent Pager', 'resources', 'app.asar.unpacked', 'dist', 'hook-helper.cjs'),
    );
  });

  it('leaves paths outside an asar alone', () => {
    const dev = join(sep, 'work', 'main', 'dist', 'hook-helper.cjs');
    expect(unpackedPath(dev)).toBe(dev);
    const lookalike = join(sep, 'x', 'my-app.asar', 'dist', 'hook-helper.cjs');
    expect(unpackedPath(lookalike)).toBe(lookalike);
  });
});
