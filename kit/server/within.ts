// A wait with a limit, for platform calls an action must not wait on for ever (the function has a timeout).

/** Settles like `work`, or with 'timeout' after `ms` (the work itself goes on; its outcome is ignored). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
