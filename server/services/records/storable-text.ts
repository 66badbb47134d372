/*
 * Text Postgres cannot store. A `text` column refuses the NUL character (U+0000), and `jsonb`
 * refuses both `\u0000` and a lone UTF-16 surrogate (half of an emoji, e.g. `\ud800`): either one
 * turns an insert into a database error, that is a 500. What a person typed is refused with a
 * clear message (they can fix it); what an outside service sent us is kept, sanitised (we cannot
 * ask it to send something else).
 */

// With the `u` flag, \p{Cs} matches only a surrogate that is not half of a valid pair.
const UNSTORABLE = /[\u0000\p{Cs}]/u;
const UNSTORABLE_ALL = /[\u0000\p{Cs}]/gu;

/** What a person is told when their text holds such a character; the same words everywhere. */
export const UNSTORABLE_TEXT_MESSAGE = 'This text contains a character that cannot be saved (a NUL byte or a broken emoji). Remove it and try again.';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * The path of the first string (a value or a key) that cannot be stored, `[]` when it is `value`
 * itself, or null when everything can be stored. Every field of every request passes here, so the
 * path is built on the way back from a hit only.
 */
export function unstorableField(value: unknown, depth = 0): string[] | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [] : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (UNSTORABLE.test(key)) return [key];
    const hit = unstorableField((value as Record<string, unknown>)[key], depth + 1);
    if (hit) {
      hit.unshift(key);
      return hit;
    }
  }
  return null;
}

/** `text` with every NUL and every lone surrogate replaced by U+FFFD (the replacement character). */
export function toStorableText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, '\uFFFD') : text;
}

/**
 * A parsed JSON value (a webhook event, an API response) with every string in it, keys included,
 * made storable. Objects and arrays are copied only where something changed.
 */
export function toStorableJson<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  // Deeper than any event Resend sends; below this the value is kept as it is.
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const clean = toStorableJson(item, depth + 1);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return (copy ?? value) as T;
  }
  let changed = false;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    const cleanKey = toStorableText(key);
    const clean = toStorableJson(item, depth + 1);
    if (cleanKey !== key || clean !== item) changed = true;
    return [cleanKey, clean] as const;
  });
  // Two keys that differ only by an unstorable character become one: the later one wins, as in JSON.parse.
  return (changed ? Object.fromEntries(entries) : value) as T;
}
