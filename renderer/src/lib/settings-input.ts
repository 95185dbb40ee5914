/**
 * Parsing of the settings panel's number fields against the contract's limits
 * (publicSettingsPatchSchema: away 1–240 minutes, idle 2–3600 seconds).
 */

/** Inclusive bounds of a whole-number setting. */
export interface IntRange {
  min: number;
  max: number;
}

/** Away-after limits, in minutes. */
export const AWAY_MINUTES: IntRange = { min: 1, max: 240 };
/** Idle-threshold limits, in seconds. */
export const IDLE_SECONDS: IntRange = { min: 2, max: 3600 };

/** The whole number typed in `text`, or an error sentence naming the allowed range. */
export function parseIntInRange(text: string, range: IntRange): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: `Enter a whole number from ${range.min} to ${range.max}.` };
  const value = Number(trimmed);
  if (value < range.min || value > range.max)
    return { error: `Enter a whole number from ${range.min} to ${range.max}.` };
  return { value };
}
