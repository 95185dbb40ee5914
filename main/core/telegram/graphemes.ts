/**
 * Cutting text for Telegram without breaking a character.
 *
 * Telegram rejects text that is not valid UTF-8 (400 "strings must be encoded in UTF-8"), and a
 * cut by UTF-16 index can split a surrogate pair (an emoji) into a lone surrogate, which has no
 * UTF-8 encoding. Cuts here fall on grapheme cluster boundaries (`Intl.Segmenter`,
 * https://tc39.es/ecma402/#segmenter-objects), so neither a pair nor an emoji sequence (flags,
 * skin tones, ZWJ families) is split. Lengths are in UTF-16 code units, as JavaScript counts them
 * and as Telegram counts message entity offsets; a budget in these units is never exceeded.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of `text` that is at most `max` UTF-16 units and ends on a grapheme boundary. */
export function headOf(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** The longest suffix of `text` that is at most `max` UTF-16 units and starts on a grapheme boundary. */
export function tailOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const from = text.length - Math.max(0, max);
  for (const { index } of segmenter.segment(text)) {
    if (index >= from) return text.slice(index);
  }
  return '';
}

/** `text` cut to at most `max` UTF-16 units (≥ 1), ending in "…" when cut; never splits a grapheme. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${headOf(text, Math.max(0, max - 1))}…`;
}

/** Replaces lone surrogates (text that cannot be encoded as UTF-8) with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
