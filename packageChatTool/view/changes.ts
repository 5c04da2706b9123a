// setData copies what it is given to the render layer (docs/platform.md#long-lists-and-setdata): a page that re-sent
// its whole view every 30 s would send and diff all of it. changes() gives the data paths that differ, only those.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The setData entries that turn `before` into `after` at `path`: a key or an index whose value is unchanged is left
 * out; an array that grew gets its new indices; an array that shrank or an object that lost a key is sent whole.
 */
export function changes(path: string, before: unknown, after: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (at: string, old: unknown, now: unknown): void => {
    if (Object.is(old, now)) return;
    if (Array.isArray(old) && Array.isArray(now) && old.length <= now.length) {
      now.forEach((value, index) => walk(`${at}[${index}]`, old[index], value));
    } else if (isRecord(old) && isRecord(now) && Object.keys(old).every((key) => key in now)) {
      for (const [key, value] of Object.entries(now)) walk(`${at}.${key}`, old[key], value);
    } else {
      out[at] = now;
    }
  };
  walk(path, before, after);
  return out;
}
