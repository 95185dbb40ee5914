/**
 * Browser-side harness for terminal-controller.test.ts: a {@link TerminalController} on a real
 * xterm in a real page, over a bridge that records every request and lets the test answer
 * `session.attach`, push events and change the connection state. Bundled by the test with esbuild.
 */
import { defaultPublicSettings } from '../../../../contract/bridge.js';
import type { ConnectionStatus, RendererBridge } from '../../../../renderer/src/bridge/connection.js';
import { TerminalController } from '../../../../renderer/src/terminal/terminal-controller.js';

/** One request the controller made. */
export interface RecordedRequest {
  name: string;
  params: Record<string, unknown>;
}

const requests: RecordedRequest[] = [];
const handlers = new Map<string, Set<(payload: unknown) => void>>();
const statusListeners = new Set<(status: ConnectionStatus) => void>();
const attaches: Array<(snapshot: { data: string; cols: number; rows: number }) => void> = [];
let status: ConnectionStatus = 'open';
let controller: TerminalController | null = null;

const bridge = {
  request(name: string, params: Record<string, unknown>): Promise<unknown> {
    requests.push({ name, params });
    if (name === 'session.attach') return new Promise((resolve) => attaches.push(resolve));
    return Promise.resolve(null);
  },
  on(event: string, handler: (payload: unknown) => void): () => void {
    let set = handlers.get(event);
    if (!set) handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  },
  status: () => status,
  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  },
} as unknown as RendererBridge;

/** What the test drives through `page.evaluate`. */
const harness = {
  start(): void {
    controller = new TerminalController({
      bridge,
      sessionId: 's1',
      container: document.getElementById('term')!,
      isMac: false,
      settings: defaultPublicSettings,
      scheme: 'dark',
      agent: () => 'shell',
      confirmPaste: () => Promise.resolve(true),
      openLink: () => undefined,
    });
    controller.setVisible(true);
  },
  requests: (): RecordedRequest[] => structuredClone(requests),
  pendingAttaches: (): number => attaches.length,
  resolveAttach(data: string, cols: number, rows: number): void {
    attaches.shift()?.({ data, cols, rows });
  },
  emit(event: string, payload: unknown): void {
    for (const h of handlers.get(event) ?? []) h(payload);
  },
  setStatus(next: ConnectionStatus): void {
    status = next;
    for (const l of statusListeners) l(next);
  },
  /** The visible rows, right-trimmed. */
  screen(): string[] {
    const term = controller!.term;
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++)
      lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines;
  },
  size: () => controller!.size(),
  type(text: string): void {
    controller!.term.input(text, true);
  },
  dispose(): void {
    controller?.dispose();
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
export type Harness = typeof harness;
