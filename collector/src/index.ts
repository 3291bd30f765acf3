/** Public API of the collector for tests and other tools. */
export { startCollector, type CollectorOptions, type RunningCollector } from './collector';
export { DEFAULT_LIMITS, type Limits } from './context';
export { NO_FAULTS, parseFaults, type FaultSettings } from './faults';
export type { RetentionReport } from './retention';
export type { DocumentResult } from './ingest';
export type { DocumentView, CountsView, ErrorView } from './readApi';
export type { DashboardSummary } from './summary';
