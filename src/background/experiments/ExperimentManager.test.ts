import { describe, expect, it } from 'vitest';
import type { ExperimentEventData, Recipe } from '../../common/experiments/types';
import { memoryStorage } from '../storage';
import { Targeting } from '../messaging/targeting';
import { chooseBranch, isInBucket } from './bucketing';
import { ExperimentManager, type ExperimentDeps } from './ExperimentManager';
import { validateRecipe, validateRecipes } from './recipes';

const quiet = { warn: () => undefined };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

const SPOTLIGHT = {
  id: 'EXP_SPOTLIGHT_A',
  template: 'spotlight',
  trigger: { id: 'newtabMessageCheck' },
  content: { title: 'Try it', body: 'Body', primary: { label: 'OK', action: { type: 'DISMISS' } } },
};

function recipe(overrides: Partial<Record<keyof Recipe, unknown>> = {}): Recipe {
  const raw = {
    slug: 'welcome-order',
    branches: [
      { slug: 'control', ratio: 1, features: [] },
      { slug: 'treatment', ratio: 1, features: [{ featureId: 'aboutwelcome', value: { screens: [{ id: 'AW_CHOOSE_THEME' }, { id: 'AW_GET_STARTED' }] } }] },
    ],
    bucketConfig: { namespace: 'welcome-1', randomizationUnit: 'normandy_id', start: 0, count: 10000, total: 10000 },
    isEnrollmentPaused: false,
    ...overrides,
  };
  const result = validateRecipe(raw);
  if ('error' in result) throw new Error(result.error);
  return result.recipe;
}

const onlyBranch = (overrides: Partial<Record<keyof Recipe, unknown>> = {}) => recipe({ branches: [{ slug: 'only', ratio: 1 }], ...overrides });

function setUp(recipes: Recipe[] | null, deps: Partial<ExperimentDeps> = {}, readers: Record<string, () => unknown> = {}) {
  const events: ExperimentEventData[] = [];
  const changes: Record<string, { branch: string }>[] = [];
  let current = recipes;
  let studies = true;
  const storage = deps.storage ?? memoryStorage();
  const manager = new ExperimentManager({
    storage,
    fetchRecipes: async () => current,
    targeting: new Targeting({ locale: () => 'en-US', ...readers }, 20),
    studiesEnabled: () => studies,
    now: () => Date.UTC(2026, 11, 4),
    uuid: () => 'unit-1',
    report: (e) => events.push(e),
    changed: (active) => changes.push(active),
    ...deps,
  });
  return {
    manager,
    storage,
    events,
    changes,
    serve: (r: Recipe[] | null) => (current = r),
    setStudies: (on: boolean) => (studies = on),
  };
}

describe('bucketing', () => {
  it('splits 10,000 ids by the branches’ ratios within 1%', async () => {
    const branches = recipe({ branches: [{ slug: 'a', ratio: 1 }, { slug: 'b', ratio: 3 }] }).branches;
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (const id of ids(10_000)) counts[(await chooseBranch(id, 'exp', branches)).slug]! += 1;
    expect(Math.abs(counts.a! / 10_000 - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(counts.b! / 10_000 - 0.75)).toBeLessThan(0.01);
  });

  it('puts the bucket range’s share of 10,000 ids in the recipe, within 1%', async () => {
    const config = recipe({ bucketConfig: { namespace: 'ns', randomizationUnit: 'normandy_id', start: 2000, count: 3000, total: 10000 } }).bucketConfig;
    let inside = 0;
    for (const id of ids(10_000)) if (await isInBucket(id, config)) inside++;
    expect(Math.abs(inside / 10_000 - 0.3)).toBeLessThan(0.01);
  });

  it('answers the same for the same id every time, and differently across namespaces', async () => {
    const branches = recipe().branches;
    const first = await Promise.all(ids(50).map((id) => chooseBranch(id, 'exp', branches)));
    const again = await Promise.all(ids(50).map((id) => chooseBranch(id, 'exp', branches)));
    expect(again.map((b) => b.slug)).toEqual(first.map((b) => b.slug));
    const config = (namespace: string) => ({ namespace, randomizationUnit: 'normandy_id' as const, start: 0, count: 5000, total: 10000 });
    const a = await Promise.all(ids(50).map((id) => isInBucket(id, config('one'))));
    const b = await Promise.all(ids(50).map((id) => isInBucket(id, config('two'))));
    expect(a).not.toEqual(b);
  });
});

describe('recipes', () => {
  it('drops recipes it cannot use, and keeps the others', () => {
    const good = recipe();
    const kept = validateRecipes(
      [
        good,
        { ...good, slug: 'bad unit', bucketConfig: { ...good.bucketConfig, randomizationUnit: 'client_id' } },
        { ...good, slug: 'bad-range', bucketConfig: { ...good.bucketConfig, start: 9000, count: 2000 } },
        { ...good, slug: 'bad-feature', branches: [{ slug: 'x', ratio: 1, features: [{ featureId: 'aboutwelcome', value: { screens: [{ id: 'NOPE' }] } }] }] },
        { ...good, slug: 'no-ratio', branches: [{ slug: 'x', ratio: 0 }] },
        { ...good, slug: 'welcome-order' },
      ],
      quiet,
    );
    expect(kept.map((r) => r.slug)).toEqual(['welcome-order']);
  });
});

describe('ExperimentManager', () => {
  it('enrolls once, sticky across restarts, and reports the enrollment with the experiment active', async () => {
    const storage = memoryStorage();
    const first = setUp([recipe()], { storage });
    await first.manager.load();
    await first.manager.update();
    const branch = first.manager.active['welcome-order']!.branch;
    expect(first.events).toEqual([{ category: 'normandy', method: 'enroll', object: 'nimbus_experiment', value: 'welcome-order', extra_keys: { branch } }]);
    expect(first.changes[0]).toEqual({ 'welcome-order': { branch } });
    const restarted = setUp([recipe()], { storage, uuid: () => 'another' });
    await restarted.manager.load();
    await restarted.manager.update();
    expect(restarted.manager.active).toEqual({ 'welcome-order': { branch } });
    expect(restarted.events).toEqual([]);
  });

  it('gives the treatment branch’s welcome screens and messages', async () => {
    const withMessage = recipe({
      branches: [{ slug: 'treatment', ratio: 1, features: [{ featureId: 'aboutwelcome', value: { screens: [{ id: 'SITES' }] } }, { featureId: 'message', value: SPOTLIGHT }] }],
    });
    const { manager } = setUp([withMessage]);
    await manager.load();
    await manager.update();
    expect(manager.welcomeScreens()).toEqual({ slug: 'welcome-order', screens: [{ id: 'SITES' }] });
    expect(manager.messages().map((m) => [m.id, m.provider])).toEqual([['EXP_SPOTLIGHT_A', 'messaging-experiments']]);
  });

  it.each([
    ['recipe-not-seen', (t: ReturnType<typeof setUp>) => t.serve([])],
    ['recipe-not-seen', (t: ReturnType<typeof setUp>) => t.serve([onlyBranch({ endDate: '2026-01-01' })])],
    ['targeting-mismatch', (t: ReturnType<typeof setUp>) => t.serve([onlyBranch({ targeting: "locale == 'fr'" })])],
    ['studies-opt-out', (t: ReturnType<typeof setUp>) => t.setStudies(false)],
    ['branch-removed', (t: ReturnType<typeof setUp>) => t.serve([recipe({ branches: [{ slug: 'other', ratio: 1 }] })])],
  ] as const)('unenrolls with %s, once, and never enrolls that recipe again', async (reason, change) => {
    const t = setUp([onlyBranch()]);
    await t.manager.load();
    await t.manager.update();
    change(t);
    await t.manager.update();
    await t.manager.update();
    t.setStudies(true);
    t.serve([onlyBranch()]);
    await t.manager.update();
    expect(t.events.map((e) => [e.method, e.extra_keys])).toEqual([
      ['enroll', { branch: 'only' }],
      ['unenroll', { branch: 'only', reason }],
    ]);
    expect(t.manager.active).toEqual({});
    expect(t.changes.at(-1)).toEqual({});
  });

  it('leaves an experiment the user leaves, and keeps everything when the collection cannot be read', async () => {
    const t = setUp([recipe()]);
    await t.manager.load();
    await t.manager.update();
    t.serve(null);
    await t.manager.update();
    expect(Object.keys(t.manager.active)).toEqual(['welcome-order']);
    await t.manager.leave('welcome-order');
    expect(t.events.at(-1)).toMatchObject({ method: 'unenroll', extra_keys: { reason: 'individual-opt-out' } });
    expect(t.manager.list().active).toEqual([]);
  });

  it('does not enroll outside the bucket range, while paused, or with studies off', async () => {
    for (const r of [
      recipe({ bucketConfig: { namespace: 'n', randomizationUnit: 'normandy_id', start: 0, count: 0, total: 100 } }),
      recipe({ isEnrollmentPaused: true }),
    ]) {
      const t = setUp([r]);
      await t.manager.load();
      await t.manager.update();
      expect(t.events).toEqual([]);
    }
    const off = setUp([recipe()]);
    off.setStudies(false);
    await off.manager.load();
    await off.manager.update();
    expect(off.manager.active).toEqual({});
  });

  it('reports the reach of a messaging experiment: the branches whose message would qualify', async () => {
    const reachRecipe = recipe({
      slug: 'spotlight-test',
      branches: [
        { slug: 'control', ratio: 1, features: [{ featureId: 'message', value: { ...SPOTLIGHT, id: 'EXP_A', targeting: "locale == 'en-US'" } }] },
        { slug: 'treatment', ratio: 1, features: [{ featureId: 'message', value: { ...SPOTLIGHT, id: 'EXP_B', targeting: "locale == 'fr'" } }] },
      ],
    });
    const t = setUp([reachRecipe]);
    await t.manager.load();
    await t.manager.update();
    expect(t.events.filter((e) => e.method === 'reach')).toEqual([
      { category: 'messaging_experiments', method: 'reach', object: 'spotlight', value: 'spotlight-test', extra_keys: { branches: 'control' } },
    ]);
  });

  it('reports an attribute that throws or runs out of time, naming the attribute and the source, and does not enroll', async () => {
    const readers = { broken: () => Promise.reject(new Error('no')), slow: () => new Promise(() => undefined) };
    const t = setUp([recipe({ slug: 'needs-broken', targeting: 'broken == 1' }), recipe({ slug: 'needs-slow', targeting: 'slow == 1' })], {}, readers);
    await t.manager.load();
    await t.manager.update();
    expect(t.events).toEqual([
      { category: 'messaging_experiments', method: 'targeting', object: 'attribute_error', value: 'broken', extra_keys: { source: 'needs-broken' } },
      { category: 'messaging_experiments', method: 'targeting', object: 'attribute_timeout', value: 'slow', extra_keys: { source: 'needs-slow' } },
    ]);
    expect(t.manager.active).toEqual({});
  });
});

describe('ExperimentManager: forcing a branch (admin, for testing)', () => {
  it('enrolls in the chosen branch whatever bucket and targeting say, replaces another branch, and keeps it at the next evaluation', async () => {
    const nobody = recipe({ targeting: "locale == 'fr'", bucketConfig: { namespace: 'n', randomizationUnit: 'normandy_id', start: 0, count: 0, total: 100 } });
    const t = setUp([nobody]);
    await t.manager.load();
    await t.manager.update();
    expect(t.manager.list()).toEqual({ active: [], recipes: [{ slug: 'welcome-order', branches: ['control', 'treatment'] }] });
    await t.manager.force('welcome-order', 'control');
    await t.manager.force('welcome-order', 'treatment');
    await t.manager.force('welcome-order', 'missing');
    await t.manager.update();
    expect(t.manager.list().active).toEqual([{ slug: 'welcome-order', branch: 'treatment', forced: true }]);
    expect(t.manager.welcomeScreens()?.screens.map((s) => s.id)).toEqual(['AW_CHOOSE_THEME', 'AW_GET_STARTED']);
    expect(t.events.map((e) => [e.method, e.extra_keys])).toEqual([
      ['enroll', { branch: 'control' }],
      ['unenroll', { branch: 'control', reason: 'force-enrollment' }],
      ['enroll', { branch: 'treatment' }],
    ]);
  });
});
