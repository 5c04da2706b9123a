// The two stores every store-backed test runs on: SQLite in memory, or the emulator's offline CloudBase database
// (its request and byte counts in `memory`) through the production CloudBase store primitive.
import type { MemoryCloudbase, MemoryCloudbaseOptions } from '../../emulator/cloudbase-memory';
import { createMemoryCloudbase } from '../../emulator/cloudbase-memory';
import { databaseOf } from '../../kit/server/sdk';
import type { DocumentStore } from '../../kit/server/store';
import { cloudbaseDocuments } from '../../kit/server/store';
import { sqliteDocuments } from '../../kit/server/store/sqlite';

export type StoreKind = 'sqlite' | 'cloudbase';
export const STORES: StoreKind[] = ['sqlite', 'cloudbase'];

/** A fresh store of `kind`; `database` sets the offline CloudBase database's switches (latency, get() cap). */
export function storeOf(
  kind: StoreKind,
  database: MemoryCloudbaseOptions = {},
): { documents: DocumentStore; memory: MemoryCloudbase | null } {
  const memory = kind === 'sqlite' ? null : createMemoryCloudbase(database);
  const documents = memory === null ? sqliteDocuments(':memory:') : cloudbaseDocuments(databaseOf(memory.database));
  return { documents, memory };
}
