// The store primitive (docs/backend.md, "The store primitive"): its interface, the pure change and premises, and
// the CloudBase store. The SQLite store is imported by its own path (./sqlite): a cloud function bundles this
// file, and better-sqlite3 (native, local only) must not enter the bundle.
export * from './types';
export * from './change';
export * from './cloudbase';
