/**
 * Reads token use from a Claude Code transcript: the JSONL file whose path arrives as
 * `transcript_path` in every hook event. Each assistant line carries the Messages API `usage`
 * of its message (https://docs.anthropic.com/en/api/messages: `input_tokens`, `output_tokens`,
 * `cache_read_input_tokens`, `cache_creation_input_tokens`, and `cache_creation` split by
 * lifetime); a message written in several lines (one per content block) repeats the same usage
 * under the same `message.id`, so usage is counted once per id, the latest line winning.
 *
 * The file is hostile input: only a regular file is read (never a FIFO or device), from where
 * the last read stopped, at most {@link READ_CHUNK_BYTES} per step; a line longer than
 * {@link MAX_LINE_BYTES} is skipped; each line is schema-checked; a file that shrank is read
 * again from the start.
 */
import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TokenUsage } from '../../../contract/usage.js';
import { addUsage, costOf, emptyUsage, type MessageTokens } from './pricing.js';

/** Bytes read per step. */
export const READ_CHUNK_BYTES = 1024 * 1024;
/** Longest transcript line considered, in bytes (longer ones hold big tool results, no usage of interest is lost: usage lines are small). */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Most bytes read in one {@link TranscriptUsage.update} (the rest waits for the next event). */
export const MAX_BYTES_PER_UPDATE = 64 * 1024 * 1024;
/** Message ids remembered for de-duplication. */
const MAX_IDS = 20_000;

const count = z.number().int().min(0).max(1e12);
const assistantLine = z.object({
  type: z.literal('assistant'),
  message: z.object({
    id: z.string().min(1).max(200),
    model: z.string().max(200).optional(),
    usage: z.object({
      input_tokens: count,
      output_tokens: count,
      cache_read_input_tokens: count.nullish(),
      cache_creation_input_tokens: count.nullish(),
      cache_creation: z.object({ ephemeral_1h_input_tokens: count.nullish() }).nullish(),
    }),
  }),
});

/** A prompt the user typed (not a tool result, not a meta line): a new turn starts here. */
const promptLine = z.object({
  type: z.literal('user'),
  isMeta: z.literal(true).optional(),
  toolUseResult: z.undefined().optional(),
  message: z.object({
    role: z.literal('user'),
    content: z.union([
      z.string().max(MAX_LINE_BYTES),
      z.array(z.looseObject({ type: z.string().max(64) })).max(1000),
    ]),
  }),
});

function isPrompt(json: unknown): boolean {
  const parsed = promptLine.safeParse(json);
  if (!parsed.success || parsed.data.isMeta) return false;
  const content = parsed.data.message.content;
  return typeof content === 'string' || !content.some((b) => b.type === 'tool_result');
}

/** True for a path Claude Code would give: absolute, ending in `.jsonl`. */
export function plausibleTranscriptPath(p: string): boolean {
  return path.isAbsolute(p) && p.endsWith('.jsonl') && !p.includes('\0');
}

/** The running totals of one transcript file. */
export class TranscriptUsage {
  private offset = 0;
  private partial = '';
  private skipping = false;
  private readonly seen = new Map<string, TokenUsage>();
  private totals: TokenUsage = emptyUsage();
  /** The totals when the latest typed prompt was written, or null before one. */
  private atPrompt: TokenUsage | null = null;
  private latestModel: string | null = null;
  private promptLines = 0;

  constructor(readonly file: string) {}

  /** How many typed prompts were read so far (a new one means a new turn began). */
  get prompts(): number {
    return this.promptLines;
  }

  /** Tokens and cost so far. */
  get total(): TokenUsage {
    return { ...this.totals };
  }

  /** Tokens and cost since the latest prompt the user typed, or null before one. */
  get sincePrompt(): TokenUsage | null {
    return this.atPrompt ? addUsage(this.totals, this.atPrompt, -1) : null;
  }

  /** The model of the latest assistant message. */
  get model(): string | null {
    return this.latestModel;
  }

  /**
   * Reads what was appended since the last call (bounded, see the module doc).
   * @returns true when the totals changed. Never throws: an unreadable file changes nothing.
   */
  async update(): Promise<boolean> {
    let handle: fs.FileHandle | null = null;
    try {
      handle = await fs.open(this.file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      const stat = await handle.stat();
      if (!stat.isFile()) return false;
      if (stat.size < this.offset) this.reset();
      let changed = false;
      let budget = MAX_BYTES_PER_UPDATE;
      const buffer = Buffer.alloc(Math.min(READ_CHUNK_BYTES, Math.max(1, stat.size - this.offset)));
      while (this.offset < stat.size && budget > 0) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        budget -= bytesRead;
        if (this.consume(buffer.toString('utf8', 0, bytesRead))) changed = true;
      }
      return changed;
    } catch {
      return false;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  private reset(): void {
    this.offset = 0;
    this.partial = '';
    this.skipping = false;
    this.seen.clear();
    this.totals = emptyUsage();
    this.atPrompt = null;
    this.promptLines = 0;
  }

  /** Feeds a chunk; complete lines are parsed. (A UTF-8 sequence split by a chunk only affects text, not the JSON numbers we read.) */
  private consume(chunk: string): boolean {
    let changed = false;
    let text = this.partial + chunk;
    this.partial = '';
    for (;;) {
      const nl = text.indexOf('\n');
      if (nl < 0) break;
      const line = text.slice(0, nl);
      text = text.slice(nl + 1);
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      if (this.line(line)) changed = true;
    }
    if (text.length > MAX_LINE_BYTES) this.skipping = true;
    else if (!this.skipping) this.partial = text;
    return changed;
  }

  private line(line: string): boolean {
    if (line.length > MAX_LINE_BYTES) return false;
    const assistant = line.includes('"assistant"') && line.includes('"usage"');
    if (!assistant && !line.includes('"user"')) return false;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return false;
    }
    if (!assistant) {
      if (!isPrompt(json)) return false;
      this.atPrompt = { ...this.totals };
      this.promptLines++;
      return true;
    }
    const parsed = assistantLine.safeParse(json);
    if (!parsed.success) return false;
    const { id, model, usage } = parsed.data.message;
    const tokens: MessageTokens = {
      input: usage.input_tokens,
      output: usage.output_tokens,
      cacheRead: usage.cache_read_input_tokens ?? 0,
      cacheWrite: usage.cache_creation_input_tokens ?? 0,
      cacheWrite1h: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    };
    if (model) this.latestModel = model;
    const next: TokenUsage = {
      input: tokens.input,
      output: tokens.output,
      cacheRead: tokens.cacheRead,
      cacheWrite: tokens.cacheWrite,
      costUsd: costOf(model ?? this.latestModel, tokens),
    };
    const previous = this.seen.get(id);
    if (previous) this.totals = addUsage(this.totals, previous, -1);
    this.totals = addUsage(this.totals, next);
    this.seen.delete(id);
    this.seen.set(id, next);
    if (this.seen.size > MAX_IDS) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
