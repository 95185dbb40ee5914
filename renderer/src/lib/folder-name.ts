/**
 * The default session name: the working directory's folder name (its basename), for POSIX and
 * Windows paths alike.
 */

/**
 * The last path segment of `dir`, ignoring trailing separators. `~` and `~/` give "~", a root
 * ("/", "C:\\") gives the root itself, an empty or blank string gives "".
 * Examples: "/home/ann/src/api/" → "api"; "C:\\work\\site" → "site"; "~/notes" → "notes".
 */
export function folderName(dir: string): string {
  const trimmed = dir.trim();
  if (trimmed === '') return '';
  const withoutTrailing = trimmed.replace(/[\\/]+$/, '');
  if (withoutTrailing === '') return trimmed.slice(0, 1);
  if (/^[A-Za-z]:$/.test(withoutTrailing)) return withoutTrailing;
  const segments = withoutTrailing.split(/[\\/]/);
  return segments[segments.length - 1] ?? withoutTrailing;
}
