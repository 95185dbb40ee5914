/**
 * Where the tests find the real agent CLIs: the test-only package in test/agents (installed by
 * scripts/install-test-agents.mjs, which `npm test` runs on first use), with the versions the
 * screen fixtures were captured from.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `test/agents/node_modules/.bin`, where `claude`, `codex` and `gemini` are linked. */
export const AGENTS_BIN_DIR = path.join(ROOT, 'test', 'agents', 'node_modules', '.bin');

/** Absolute path of the pinned Claude Code CLI. */
export const CLAUDE_BIN = path.join(AGENTS_BIN_DIR, 'claude');
/** Absolute path of the pinned Codex CLI. */
export const CODEX_BIN = path.join(AGENTS_BIN_DIR, 'codex');
/** Absolute path of the pinned Gemini CLI. */
export const GEMINI_BIN = path.join(AGENTS_BIN_DIR, 'gemini');

/** Pinned versions (test/agents/package.json). */
export const CODEX_VERSION = '0.169.0';
export const GEMINI_VERSION = '0.61.0';
