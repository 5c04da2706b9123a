// What the simulator's server accepts and keeps, stated once (docs/simulator.md, "Security" quotes them).

const MiB = 1024 * 1024;

/**
 * Largest POST body. The largest legitimate one is a shared image (a `<snapshot>` PNG as a data URL in
 * `shareImage` or `shareCard`'s imageUrl): even a whole 375 × 667 screen exported at the phone's pixel ratio 3,
 * uncompressed (1125 × 2001 RGBA, 9.0 MB), is 12 MB as base64.
 */
export const BODY_LIMIT = 16 * MiB;

/**
 * An event client with more than this still unsent when the next event comes is dropped (its browser reconnects
 * and is sent the current state).
 */
export const EVENT_BACKLOG_LIMIT = 16 * MiB;

/** Open event streams at once; one more is refused (503). */
export const EVENT_CLIENTS_LIMIT = 32;

/**
 * Pictures the chats keep (shared images and cards' imageUrl), at most this many and this many bytes of data URLs,
 * the oldest forgotten first: the events carry them all in the state, to every open page.
 */
export const PICTURES_LIMIT = 200;

/** Platform calls the call panel lists (the emulator keeps no more), the oldest forgotten first. */
export const PLATFORM_CALLS_LIMIT = 500;
export const PICTURE_BYTES_LIMIT = 16 * MiB;
