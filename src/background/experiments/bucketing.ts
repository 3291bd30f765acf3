// Deterministic bucketing, as Nimbus's Sampling: a SHA-256 of the namespace
// and the randomization id gives a fraction in [0, 1); the user is in the
// recipe when that fraction's bucket is in [start, start + count) of total,
// and a second hash (with the recipe's slug) picks the branch by ratio. The
// same id always gets the same answer: enrollment is sticky by construction.
import type { Branch, BucketConfig } from '../../common/experiments/types';

/** The first 48 bits of SHA-256(`input`) as a fraction of 2^48. */
export async function hashFraction(input: string): Promise<number> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input)));
  let value = 0;
  for (let i = 0; i < 6; i++) value = value * 256 + digest[i]!;
  return value / 2 ** 48;
}

export async function isInBucket(unitId: string, config: BucketConfig): Promise<boolean> {
  const bucket = Math.floor((await hashFraction(`${config.namespace}-${unitId}`)) * config.total);
  return bucket >= config.start && bucket < config.start + config.count;
}

/** The branch for this id, weighted by ratio. */
export async function chooseBranch(unitId: string, slug: string, branches: readonly Branch[]): Promise<Branch> {
  const total = branches.reduce((sum, b) => sum + b.ratio, 0);
  let point = (await hashFraction(`${slug}-${unitId}-branch`)) * total;
  for (const branch of branches) {
    if (point < branch.ratio) return branch;
    point -= branch.ratio;
  }
  return branches[branches.length - 1]!;
}
