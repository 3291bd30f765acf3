// Recipes from a collection we do not control, rebuilt field by field as
// messages are (validateMessage.ts): a bad recipe is dropped and logged, the
// others stay. Only the Nimbus fields the manager reads are kept.
import type { Branch, BucketConfig, FeatureValue, Recipe } from '../../common/experiments/types';
import { validateMultistageContent } from '../../common/onboarding/screens';
import { validateMessage } from '../messaging/validateMessage';

export const EXPERIMENT_PROVIDER = 'messaging-experiments';
const SLUG = /^[A-Za-z0-9_.-]{1,100}$/;
const MAX_RECIPES = 100;
const MAX_BRANCHES = 10;

class Invalid extends Error {}

function fail(why: string): never {
  throw new Invalid(why);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function slug(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SLUG.test(value)) fail(`${field} must be 1 to 100 of [A-Za-z0-9_.-]`);
  return value;
}

function count(value: unknown, field: string, min: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min) fail(`${field} must be an integer of at least ${min}`);
  return value as number;
}

function feature(raw: unknown, field: string): FeatureValue {
  if (!isRecord(raw) || !isRecord(raw.value)) fail(`${field} must have a featureId and an object value`);
  switch (raw.featureId) {
    case 'aboutwelcome':
      try {
        return { featureId: 'aboutwelcome', value: validateMultistageContent(raw.value) };
      } catch (error) {
        return fail(`${field}: ${(error as Error).message}`);
      }
    case 'message': {
      const checked = validateMessage(raw.value, EXPERIMENT_PROVIDER);
      if ('error' in checked) fail(`${field}: ${checked.error}`);
      return { featureId: 'message', value: checked.message };
    }
    default:
      return fail(`${field} has an unknown featureId`);
  }
}

function branches(raw: unknown): Branch[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_BRANCHES) fail(`branches must list 1 to ${MAX_BRANCHES}`);
  const seen = new Set<string>();
  return raw.map((b, i) => {
    if (!isRecord(b)) fail(`branches[${i}] must be an object`);
    const s = slug(b.slug, `branches[${i}].slug`);
    if (seen.has(s)) fail(`branch ${s} is listed twice`);
    seen.add(s);
    const features = b.features === undefined ? [] : Array.isArray(b.features) ? b.features : fail(`branches[${i}].features must be a list`);
    return { slug: s, ratio: count(b.ratio, `branches[${i}].ratio`, 1), features: features.map((f, j) => feature(f, `branches[${i}].features[${j}]`)) };
  });
}

function bucketConfig(raw: unknown): BucketConfig {
  if (!isRecord(raw)) fail('bucketConfig must be an object');
  if (raw.randomizationUnit !== 'normandy_id') fail('bucketConfig.randomizationUnit must be normandy_id');
  const total = count(raw.total, 'bucketConfig.total', 1);
  const start = count(raw.start, 'bucketConfig.start', 0);
  const n = count(raw.count, 'bucketConfig.count', 0);
  if (start + n > total) fail('bucketConfig.start + count is beyond total');
  return { namespace: slug(raw.namespace, 'bucketConfig.namespace'), randomizationUnit: 'normandy_id', start, count: n, total };
}

export function validateRecipe(raw: unknown): { recipe: Recipe } | { error: string } {
  try {
    if (!isRecord(raw)) fail('not an object');
    if (raw.targeting !== undefined && (typeof raw.targeting !== 'string' || raw.targeting.length > 2000)) fail('targeting must be a string of at most 2000');
    if (raw.endDate !== undefined && raw.endDate !== null && (typeof raw.endDate !== 'string' || Number.isNaN(Date.parse(raw.endDate)))) fail('endDate must be a date');
    const recipe: Recipe = {
      slug: slug(raw.slug, 'slug'),
      branches: branches(raw.branches),
      bucketConfig: bucketConfig(raw.bucketConfig),
      isEnrollmentPaused: raw.isEnrollmentPaused === true,
      ...(typeof raw.targeting === 'string' ? { targeting: raw.targeting } : {}),
      ...(typeof raw.endDate === 'string' ? { endDate: raw.endDate } : {}),
    };
    return { recipe };
  } catch (error) {
    return { error: error instanceof Invalid ? error.message : 'unreadable' };
  }
}

/** The valid recipes, first of each slug; logs what it drops. */
export function validateRecipes(records: unknown, log: Pick<Console, 'warn'> = console): Recipe[] {
  if (!Array.isArray(records)) return [];
  const kept = new Map<string, Recipe>();
  for (const [i, raw] of records.slice(0, MAX_RECIPES).entries()) {
    const result = validateRecipe(raw);
    if ('error' in result) log.warn(`Experiments: dropped recipe #${i}: ${result.error}`);
    else if (!kept.has(result.recipe.slug)) kept.set(result.recipe.slug, result.recipe);
  }
  return [...kept.values()];
}
