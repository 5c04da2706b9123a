// The runner of a stored-data upgrade (docs/platforms.md, "Upgrading a deployment from before the neutral names"):
// it pages through one collection by _id and writes each document a pure upgrade answers (neutral-names.ts, a
// tool's own) by compare-and-set (Collection.update): a document changed between the read and the write is read
// again and upgraded again, so a write landing meanwhile is never overwritten. Already upgraded documents are left
// as they are, so a second run changes nothing; one in no known layout is reported and left as it is.
import { OutcomeUnknownError } from './outcome';
import type { StoredFields, Upgraded } from './neutral-names';
import type { DocumentStore } from './store/types';
import { ok } from '../core/result';

/** One collection's upgrade: what each of its documents becomes. */
export interface CollectionUpgrade {
  collection: string;
  upgrade: (doc: StoredFields) => Upgraded<StoredFields>;
}

export interface UpgradeCounts {
  /** Written in the new names (with dryRun: would be). */
  upgraded: number;
  alreadyNew: number;
  /** In no layout the upgrade knows: left as they are, each reported with its _id and what is wrong. */
  unreadable: number;
  /** Busy past the store's retry budget, or written with an unknown outcome: the next run takes them again. */
  again: number;
  /** Listed, then gone before their turn. */
  gone: number;
}

export interface UpgradeOptions {
  /** Read and decide, write nothing. */
  dryRun?: boolean;
  /** How many _ids one listing read returns (default 100, one CloudBase get()). */
  pageSize?: number;
  /** Where each document that needs a person's eye is reported. */
  log?: (line: string) => void;
}

/** The default page of _ids: one get() of CloudBase's (kit/server/store/cloudbase.ts GET_PAGE). */
export const UPGRADE_PAGE = 100;

type Outcome = keyof UpgradeCounts;

export async function upgradeCollection(
  documents: DocumentStore,
  { collection, upgrade }: CollectionUpgrade,
  { dryRun = false, pageSize = UPGRADE_PAGE, log = () => undefined }: UpgradeOptions = {},
): Promise<UpgradeCounts> {
  const docs = documents.collection<StoredFields>(collection);
  const counts: UpgradeCounts = { upgraded: 0, alreadyNew: 0, unreadable: 0, again: 0, gone: 0 };
  const report = (id: string, line: string) => log(`${collection} ${id}: ${line}`);

  async function dry(id: string): Promise<Outcome> {
    const doc = await docs.get(id);
    if (doc === null) return 'gone';
    const upgraded = upgrade(doc);
    if (!upgraded.ok) {
      report(id, upgraded.error.message);
      return 'unreadable';
    }
    return upgraded.data === null ? 'alreadyNew' : 'upgraded';
  }

  async function written(id: string): Promise<Outcome> {
    try {
      const answer = await docs.update(id, (doc) => {
        const upgraded = upgrade(doc);
        if (!upgraded.ok) return upgraded;
        return ok({
          next: upgraded.data,
          result: upgraded.data === null ? ('alreadyNew' as const) : ('upgraded' as const),
        });
      });
      if (answer.ok) return answer.data;
      report(id, answer.error.message);
      if (answer.error.code === 'UNREADABLE') return 'unreadable';
      return answer.error.code === 'NOT_FOUND' ? 'gone' : 'again';
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      report(id, `${error.message}; the next run reads it again`);
      return 'again';
    }
  }

  // Neither store needs an order for _id: both answer a query without orderBy in _id order (their tie-break), so a
  // page starts after the last _id of the one before and a document inserted meanwhile is in the new names anyway.
  for (let after = ''; ;) {
    const page = await docs.find({ where: { _id: { gt: after } }, limit: pageSize, fields: ['_id'] });
    for (const { _id } of page) counts[await (dryRun ? dry(_id) : written(_id))] += 1;
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return counts;
    after = last._id;
  }
}

/** One line of counts, as `npm run upgrade:data` prints it. */
export function countsLine(collection: string, counts: UpgradeCounts, dryRun: boolean): string {
  const parts = [
    `${counts.upgraded} ${dryRun ? 'to upgrade' : 'upgraded'}`,
    `${counts.alreadyNew} already new`,
    `${counts.unreadable} unreadable`,
    ...(counts.again > 0 ? [`${counts.again} to run again`] : []),
    ...(counts.gone > 0 ? [`${counts.gone} gone meanwhile`] : []),
  ];
  return `${collection}${dryRun ? ' (dry run)' : ''}: ${parts.join(', ')}`;
}
