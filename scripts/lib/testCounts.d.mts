export const DRIVER_RETRY: 'driver-retry';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
  /** Each failed test by name, with the first lines of its error. */
  failedTests: { name: string; error: string[] }[];
  notes: string[];
  playwrightReports: number;
  driverRetries: string[];
  /** Per e2e lane: its browser starts and the pooled spares it threw away. */
  launches: string[];
}

/** The fields of a vitest JSON report that are counted. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName?: string; title?: string; failureMessages?: string[] }[];
  }[];
}

interface Annotation {
  type: string;
  description?: string;
}

export interface PlaywrightSuite {
  specs?: {
    title: string;
    file?: string;
    line?: number;
    tests?: {
      status?: string;
      annotations?: Annotation[];
      results?: { annotations?: Annotation[]; error?: { message?: string }; errors?: { message?: string }[] }[];
    }[];
  }[];
  suites?: PlaywrightSuite[];
}

/** The fields of a Playwright JSON report that are counted. */
export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: { message?: string }[];
  suites?: PlaywrightSuite[];
}

export function createTally(): Tally;
export function countCheck(tally: Tally, name: string, ok: boolean): void;
export function countNotRun(tally: Tally, name: string, because: string): void;
export function countMissingReport(tally: Tally, label: string, error: unknown): void;
export function countVitest(tally: Tally, label: string, report: VitestReport, exitedOk: boolean, root?: string): void;
export function countPlaywright(tally: Tally, label: string, report: PlaywrightReport, exitedOk: boolean): void;
export function countLaunches(tally: Tally, label: string, log: string): void;
export function summaryLines(tally: Tally): string[];
export function exitCode(tally: Tally): 0 | 1;
