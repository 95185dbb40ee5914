/**
 * The text of a "folders, one per line" field as a list: lines trimmed, blank and over-long
 * (> 4096 chars) lines dropped, duplicates removed, at most `max` kept.
 */
export function parseFolderList(text: string, max: number): string[] {
  const folders = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line.length <= 4096);
  return [...new Set(folders)].slice(0, max);
}
