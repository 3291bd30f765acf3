/** Picks the engine from the database setting: a postgres:// URL or a SQLite file path. */
import { PostgresStore, type PostgresOptions } from './postgres';
import { SqliteStore } from './sqlite';
import type { Store } from './types';

export type { PostgresOptions } from './postgres';

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

export async function openStore(db: string, options: { maxDbBytes?: number; postgres?: PostgresOptions }): Promise<Store> {
  if (isPostgresUrl(db)) return PostgresStore.open(db, options.postgres);
  return SqliteStore.open(db, { maxDbBytes: options.maxDbBytes });
}
