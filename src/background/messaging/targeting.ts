// Targeting: a message's JEXL expression, evaluated against attributes of
// the browser that are read only when an expression asks for them, at most
// once per check, and each within a time limit so a slow one cannot stall
// the router. Parse errors and evaluation errors are told apart because
// Firefox reports them apart (MALFORMED_EXPRESSION / OTHER_ERROR).
import jexl from 'jexl';
import type Expression from 'jexl/Expression';
import type { TargetingResult } from '../../common/messaging/types';

export type TargetingErrorKind = 'MALFORMED_EXPRESSION' | 'OTHER_ERROR';

export type Evaluation = { result: boolean } | { result: 'error'; kind: TargetingErrorKind; reason: string };

/** Attribute name → how to read it now. */
export type AttributeReaders = Record<string, () => unknown>;

/**
 * How long one attribute may take before its expression fails. 200 ms was
 * too short: on a busy machine (two browsers under test on 2 cores) counting
 * the bookmarks took longer now and then, and a message the user qualified
 * for was skipped.
 */
export const ATTRIBUTE_TIME_LIMIT_MS = 1_000;

export type AttributeProblem = 'error' | 'timeout';

class AttributeTimeout extends Error {}

function withTimeLimit<T>(value: Promise<T>, name: string, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttributeTimeout(`attribute ${name} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([value, limit]).finally(() => clearTimeout(timer));
}

/** Firefox's most used transforms and the `intersect` operator. */
function createJexl(): InstanceType<typeof jexl.Jexl> {
  const j = new jexl.Jexl();
  j.addTransforms({
    date: (value: unknown) => new Date(value as string | number).getTime(),
    length: (value: unknown) => (Array.isArray(value) || typeof value === 'string' ? value.length : 0),
    keys: (value: unknown) => (value && typeof value === 'object' ? Object.keys(value) : []),
    values: (value: unknown) => (value && typeof value === 'object' ? Object.values(value) : []),
    mapToProperty: (value: unknown, key: unknown) =>
      Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[String(key)] : undefined)) : [],
  });
  j.addBinaryOp('intersect', 40, (left: unknown, right: unknown) =>
    Array.isArray(left) && Array.isArray(right) ? left.filter((v) => right.includes(v)) : [],
  );
  return j;
}

export class Targeting {
  private readonly jexl = createJexl();
  private readonly compiled = new Map<string, Expression | Error>();

  constructor(
    private readonly readers: AttributeReaders,
    private readonly timeLimitMs = ATTRIBUTE_TIME_LIMIT_MS,
  ) {}

  /**
   * One check's context: each attribute read on first use, then shared by
   * every expression of the check. `onProblem` hears once per attribute that
   * threw or ran out of time (the experiment manager reports it).
   */
  context(onProblem?: (attribute: string, problem: AttributeProblem) => void): Record<string, unknown> {
    const context = Object.create(null) as Record<string, unknown>;
    for (const [name, read] of Object.entries(this.readers)) {
      let value: Promise<unknown> | undefined;
      Object.defineProperty(context, name, {
        enumerable: true,
        get: () =>
          (value ??= withTimeLimit(Promise.resolve().then(read), name, this.timeLimitMs).catch((error: unknown) => {
            onProblem?.(name, error instanceof AttributeTimeout ? 'timeout' : 'error');
            throw error;
          })),
      });
    }
    return context;
  }

  async evaluate(expression: string | undefined, context: Record<string, unknown>): Promise<Evaluation> {
    if (expression === undefined) return { result: true };
    const compiled = this.compile(expression);
    if (compiled instanceof Error) return { result: 'error', kind: 'MALFORMED_EXPRESSION', reason: compiled.message };
    try {
      return { result: Boolean(await compiled.eval(context)) };
    } catch (error) {
      return { result: 'error', kind: 'OTHER_ERROR', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  private compile(expression: string): Expression | Error {
    let compiled = this.compiled.get(expression);
    if (!compiled) {
      try {
        compiled = this.jexl.compile(expression);
      } catch (error) {
        compiled = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(expression, compiled);
    }
    return compiled;
  }
}

/** The admin page's form of an evaluation. */
export function toTargetingResult(e: Evaluation): TargetingResult {
  return e.result === 'error' ? { result: 'error', reason: `${e.kind}: ${e.reason}`.slice(0, 300) } : e.result ? { result: true } : { result: false };
}
