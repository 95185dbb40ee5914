import { describe, expect, it } from 'vitest';
import { parseIncomingFrame } from '../../../../renderer/src/bridge/wire.js';

describe('parseIncomingFrame', () => {
  it('accepts results, errors and known events', () => {
    expect(parseIncomingFrame('{"t":"res","id":3,"ok":true,"result":[1]}')).toEqual({
      t: 'res',
      id: 3,
      ok: true,
      result: [1],
    });
    expect(parseIncomingFrame('{"t":"res","id":4,"ok":false,"error":"folder missing"}')).toEqual({
      t: 'res',
      id: 4,
      ok: false,
      error: 'folder missing',
    });
    expect(
      parseIncomingFrame('{"t":"evt","name":"session.data","payload":{"id":"a","data":"x"}}'),
    ).toMatchObject({
      t: 'evt',
      name: 'session.data',
    });
  });

  it('drops malformed JSON, unknown events and frames of the wrong shape', () => {
    expect(parseIncomingFrame('not json')).toBeNull();
    expect(parseIncomingFrame('{"t":"evt","name":"nope","payload":{}}')).toBeNull();
    expect(parseIncomingFrame('{"t":"res","id":"1","ok":true}')).toBeNull();
    expect(parseIncomingFrame('{"t":"res","id":1,"ok":false}')).toBeNull();
    expect(parseIncomingFrame('{"t":"req","id":1,"name":"sessions.list","params":{}}')).toBeNull();
  });
});
