/** What every route handler needs, built once by startCollector. */
import type { SchemaRegistry } from '../../src/common/schemas/registry';
import type { AccessPolicy } from './access';
import type { FaultInjector } from './faults';
import type { Store } from './store/types';
import type { SummaryCache } from './summary';

export interface Limits {
  /** Longest request target (path + query) accepted; longer gets 414. */
  maxPathLength: number;
  /** Longest value of a stored metadata header; longer gets 431 (the edge's Pub/Sub attribute limit). */
  maxHeaderValueBytes: number;
  /** Largest single document, both on the wire and decompressed (Glean's client limit). */
  maxDocumentBytes: number;
  /** Largest /submit-batch body, both on the wire and decompressed (the edge's Pub/Sub message limit). */
  maxBatchBytes: number;
  /** Most documents in one /submit-batch request. */
  maxBatchDocuments: number;
  /** Deepest nesting of objects and arrays in one document (counted before it is parsed). */
  maxJsonDepth: number;
  /** Requests one client address may have in progress at once; more get 429. */
  maxConcurrentPerClient: number;
  /** Read API answers stop after about this many bytes and give a cursor to continue. */
  maxResponseBytes: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxPathLength: 2048,
  maxHeaderValueBytes: 1024,
  maxDocumentBytes: 1024 * 1024,
  maxBatchBytes: 10 * 1024 * 1024,
  maxBatchDocuments: 1000,
  maxJsonDepth: 32,
  maxConcurrentPerClient: 16,
  maxResponseBytes: 8 * 1024 * 1024,
});

export interface CollectorContext {
  store: Store;
  registry: SchemaRegistry;
  faults: FaultInjector;
  limits: Limits;
  access: AccessPolicy;
  summary: SummaryCache;
  /** Whether /__faults__ exists (only when started with fault injection on). */
  faultRoute: boolean;
  retentionDays: number;
  /** Clock for submission timestamps and retention (injected by tests). */
  now: () => number;
  log: (line: string) => void;
}
