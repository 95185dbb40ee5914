import { describe, expect, it } from 'vitest';
import { BRIDGE_WS_PROTOCOL, bridgeProtocols } from '../../../../contract/ws-auth.js';
import {
  bridgeSocketUrl,
  resolveToken,
  TOKEN_STORAGE_KEY,
  type TokenStorage,
} from '../../../../renderer/src/bridge/token.js';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('access token', () => {
  it('takes the token from the URL, stores it and removes it from the address', () => {
    const storage = memoryStorage();
    const result = resolveToken('http://127.0.0.1:4100/?token=abc123&x=1#top', storage);
    expect(result).toEqual({ token: 'abc123', cleanedUrl: '/?x=1#top' });
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc123');
  });

  it('uses the stored token after a reload without the query', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' });
    expect(resolveToken('http://127.0.0.1:4100/', storage)).toEqual({ token: 'kept', cleanedUrl: null });
  });

  it('prefers a fresh URL token over a stale stored one, and reports none when there is none', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(resolveToken('http://h/?token=new', storage).token).toBe('new');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('new');
    expect(resolveToken('http://h/', memoryStorage())).toEqual({ token: null, cleanedUrl: null });
  });

  it('takes a token from the #token= fragment too and removes it', () => {
    const storage = memoryStorage();
    expect(resolveToken('http://127.0.0.1:4100/?x=1#token=frag', storage)).toEqual({
      token: 'frag',
      cleanedUrl: '/?x=1',
    });
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('frag');
  });

  it('builds ws:// or wss:// URLs for the page host, with no token in them', () => {
    expect(bridgeSocketUrl('http://127.0.0.1:4100/?token=secret')).toBe('ws://127.0.0.1:4100/bridge');
    expect(bridgeSocketUrl('https://box.example:8443/app/')).toBe('wss://box.example:8443/bridge');
  });

  it('offers the token as a subprotocol next to the bridge protocol', () => {
    expect(bridgeProtocols('abc_-1')).toEqual([BRIDGE_WS_PROTOCOL, 'agent-pager.token.abc_-1']);
  });
});
