/**
 * Files for the fake Bot API (`telegram-bot-api.ts`): multipart uploads as grammY sends them with
 * `InputFile` (https://core.telegram.org/bots/api#sending-files), parsed with the platform's own
 * `Response.formData()` (undici), and the files users send, served like Telegram's file endpoint
 * `GET /file/bot<token>/<file_path>` after `getFile` (https://core.telegram.org/bots/api#getfile).
 */

/** A file part of a multipart upload. */
export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** A file a user sent, as the fake keeps it. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  data: Buffer;
}

/**
 * Parses a `multipart/form-data` body: text fields as strings, file parts as {@link UploadedFile}.
 * @throws Error when the body is not valid multipart.
 */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': contentType },
  }).formData();
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    out[key] =
      typeof value === 'string'
        ? value
        : ({ fileName: value.name, data: Buffer.from(await value.arrayBuffer()) } satisfies UploadedFile);
  }
  return out;
}

/**
 * The upload in parameter `field`: a file part, directly or through `attach://<name>` (how grammY
 * names its parts), or null (a file_id or URL string is not supported here).
 */
export function uploadOf(params: Record<string, unknown>, field: string): UploadedFile | null {
  let value = params[field];
  if (typeof value === 'string' && value.startsWith('attach://'))
    value = params[value.slice('attach://'.length)];
  if (value && typeof value === 'object' && 'data' in value && Buffer.isBuffer((value as UploadedFile).data))
    return value as UploadedFile;
  return null;
}

/** Files users sent, by id and by path. */
export class FakeFileStore {
  private readonly files = new Map<string, StoredFile>();
  private next = 1;

  /** Stores a file under a fresh id and path (`<folder>/file_<n>.<ext>`, as Telegram names them). */
  add(data: Buffer, folder: string, ext: string): StoredFile {
    const n = this.next++;
    const file: StoredFile = {
      fileId: `FILE${n}-${'x'.repeat(20)}`,
      fileUniqueId: `U${n}`,
      filePath: `${folder}/file_${n}.${ext}`,
      data,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  byId(fileId: string): StoredFile | null {
    return this.files.get(fileId) ?? null;
  }

  byPath(filePath: string): StoredFile | null {
    for (const f of this.files.values()) if (f.filePath === filePath) return f;
    return null;
  }
}
