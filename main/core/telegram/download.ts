/**
 * Downloads a file a user sent to the bot: `getFile` gave its `file_path`; the bytes come from
 * `<apiRoot>/file/bot<token>/<file_path>` (https://core.telegram.org/bots/api#getfile), read with
 * a hard byte cap and a time limit. The URL holds the token, so it never appears in an error.
 */

/** Longest download, in ms. */
export const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Telegram's file paths look like `photos/file_12.jpg`; anything else is refused. */
const FILE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9_./-]{0,255}$/;

/**
 * Fetches a file's bytes.
 * @param maxBytes larger files are refused (by their length header, or once more bytes arrive).
 * @throws Error "too large" past `maxBytes`; "download failed: …" on HTTP errors or a timeout.
 */
export async function downloadTelegramFile(
  apiRoot: string,
  token: string,
  filePath: string,
  maxBytes: number,
): Promise<Buffer> {
  if (!FILE_PATH.test(filePath) || filePath.includes('..')) throw new Error('download failed: bad file path');
  let response: Response;
  try {
    response = await fetch(`${apiRoot}/file/bot${token}/${filePath}`, {
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(
      `download failed: ${(error as Error).name === 'TimeoutError' ? 'timed out' : 'network error'}`,
      {
        cause: error,
      },
    );
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`download failed: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body.cancel();
    throw new Error('too large');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
