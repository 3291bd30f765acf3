// A small Nimbus: recipes from a collection, evaluated at start and on a
// schedule. A profile enrolls when its bucket is in the recipe's range and
// the recipe's targeting matches; the branch is picked by ratio from a hash
// (bucketing.ts), so it is the same at every evaluation. An enrollment is
// kept (storage.local) until the recipe goes away, its branch goes away, its
// targeting stops matching, the user leaves it or turns studies off; an
// ended one is kept too, so that recipe never enrolls this profile again.
// Each enrollment and unenrollment is an event, and so is the reach of each
// active messaging experiment (which branches' messages would qualify) and
// each targeting attribute that failed or ran out of time.
import type { Enrollment, ExperimentEventData, ExperimentsState, FeatureValue, Recipe, UnenrollReason } from '../../common/experiments/types';
import type { RouterMessage } from '../../common/messaging/types';
import type { WelcomeScreen } from '../../common/onboarding/screens';
import type { KeyValueStorage } from '../storage';
import type { AttributeProblem, Targeting } from '../messaging/targeting';
import { chooseBranch, isInBucket } from './bucketing';

const STATE_KEY = 'experiments.state';

interface StoredEnrollment extends Enrollment {
  /** The branch's feature values as enrolled, so they apply after a restart without a fetch. */
  features: FeatureValue[];
}

interface ManagerState {
  /** Nimbus's normandy_id: a random id for bucketing alone, never sent. */
  unitId: string;
  enrollments: Record<string, StoredEnrollment>;
}

export interface ExperimentDeps {
  storage: KeyValueStorage;
  /** The collection's valid recipes; null when it could not be read (nothing changes then). */
  fetchRecipes(): Promise<Recipe[] | null>;
  targeting: Pick<Targeting, 'context' | 'evaluate'>;
  studiesEnabled(): boolean;
  now(): number;
  uuid(): string;
  report(event: ExperimentEventData): void;
  /** The active enrollments changed (pings' `experiments`, the router's messages, the welcome screens). */
  changed(active: Record<string, { branch: string }>): void;
}

export class ExperimentManager {
  private state: ManagerState = { unitId: '', enrollments: {} };
  /** The recipes of the last evaluation (the admin section forces their branches). */
  private recipes: Recipe[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ExperimentDeps) {}

  async load(): Promise<void> {
    const stored = await this.deps.storage.get<ManagerState>(STATE_KEY);
    this.state = stored && typeof stored.unitId === 'string' && stored.unitId ? stored : { unitId: this.deps.uuid(), enrollments: {} };
    if (!stored) await this.save();
  }

  /** `{slug: {branch}}` of the active enrollments: every ping's `experiments`. */
  get active(): Record<string, { branch: string }> {
    return Object.fromEntries(this.activeEnrollments().map((e) => [e.slug, { branch: e.branch }]));
  }

  /** What the settings page shows. */
  list(): ExperimentsState {
    return {
      active: this.activeEnrollments().map(({ slug, branch, forced }) => ({ slug, branch, forced: forced === true })),
      recipes: this.recipes.map((r) => ({ slug: r.slug, branches: r.branches.map((b) => b.slug) })),
    };
  }

  /** The welcome screens of the first active branch that sets them. */
  welcomeScreens(): { slug: string; screens: WelcomeScreen[] } | null {
    for (const e of this.activeEnrollments()) {
      for (const f of e.features) if (f.featureId === 'aboutwelcome') return { slug: e.slug, screens: f.value.screens };
    }
    return null;
  }

  /** The active branches' messages, for the router. */
  messages(): RouterMessage[] {
    return this.activeEnrollments().flatMap((e) => e.features.flatMap((f) => (f.featureId === 'message' ? [f.value] : [])));
  }

  /** Fetches the recipes and applies them; one evaluation at a time. */
  update(): Promise<void> {
    const next = this.running.then(() => this.evaluate());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Settles when the evaluation under way (if any) is done. */
  idle(): Promise<void> {
    return this.running;
  }

  /** The user left one experiment (the settings page). */
  leave(slug: string): Promise<void> {
    const next = this.running.then(async () => {
      const e = this.state.enrollments[slug];
      if (!e?.active) return;
      this.end(e, 'individual-opt-out');
      await this.commit();
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * For testing (the admin section): enrolls in `branch` whatever the bucket,
   * the targeting or an earlier enrollment say; a current enrollment in
   * another branch ends with reason force-enrollment.
   */
  force(slug: string, branchSlug: string): Promise<void> {
    const next = this.running.then(async () => {
      const branch = this.recipes.find((r) => r.slug === slug)?.branches.find((b) => b.slug === branchSlug);
      if (!branch) return;
      const current = this.state.enrollments[slug];
      if (current?.active && current.branch === branchSlug) return;
      if (current?.active) this.end(current, 'force-enrollment');
      this.state.enrollments[slug] = { slug, branch: branchSlug, active: true, forced: true, enrolledAt: this.deps.now(), features: branch.features };
      await this.commit();
      this.deps.report({ category: 'normandy', method: 'enroll', object: 'nimbus_experiment', value: slug, extra_keys: { branch: branchSlug } });
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  private activeEnrollments(): StoredEnrollment[] {
    return Object.values(this.state.enrollments).filter((e) => e.active);
  }

  private async evaluate(): Promise<void> {
    const recipes = await this.deps.fetchRecipes();
    if (recipes === null) return;
    this.recipes = recipes;
    const now = this.deps.now();
    const live = new Map(recipes.filter((r) => !r.endDate || Date.parse(r.endDate) > now).map((r) => [r.slug, r]));
    const studies = this.deps.studiesEnabled();
    let changed = false;
    for (const e of this.activeEnrollments()) {
      const recipe = live.get(e.slug);
      const branch = recipe?.branches.find((b) => b.slug === e.branch);
      const reason: UnenrollReason | null = !studies
        ? 'studies-opt-out'
        : !recipe
          ? 'recipe-not-seen'
          : !branch
            ? 'branch-removed'
            : !e.forced && !(await this.matches(recipe))
              ? 'targeting-mismatch'
              : null;
      if (reason) {
        this.end(e, reason);
        changed = true;
      } else e.features = branch!.features;
    }
    if (studies) {
      for (const recipe of live.values()) {
        if (this.state.enrollments[recipe.slug] || recipe.isEnrollmentPaused) continue;
        if (!(await isInBucket(this.state.unitId, recipe.bucketConfig)) || !(await this.matches(recipe))) continue;
        const branch = await chooseBranch(this.state.unitId, recipe.slug, recipe.branches);
        this.state.enrollments[recipe.slug] = { slug: recipe.slug, branch: branch.slug, active: true, enrolledAt: now, features: branch.features };
        changed = true;
        // The enrollment is active before its event, so the event carries it.
        await this.commit();
        this.deps.report({ category: 'normandy', method: 'enroll', object: 'nimbus_experiment', value: recipe.slug, extra_keys: { branch: branch.slug } });
      }
    }
    if (changed) await this.commit();
    await this.reportReach(live);
  }

  private end(e: StoredEnrollment, reason: UnenrollReason): void {
    e.active = false;
    e.reason = reason;
    e.features = [];
    this.deps.report({ category: 'normandy', method: 'unenroll', object: 'nimbus_experiment', value: e.slug, extra_keys: { branch: e.branch, reason } });
  }

  private async commit(): Promise<void> {
    await this.save();
    this.deps.changed(this.active);
  }

  private save(): Promise<void> {
    return this.deps.storage.set(STATE_KEY, this.state);
  }

  /** The recipe's targeting; a failing attribute is reported and counts as no match. */
  private async matches(recipe: Recipe): Promise<boolean> {
    const context = this.deps.targeting.context(this.problemReporter(recipe.slug));
    return (await this.deps.targeting.evaluate(recipe.targeting, context)).result === true;
  }

  /** For each active experiment with messages: which branches' messages would qualify now (the seed's reach). */
  private async reportReach(live: ReadonlyMap<string, Recipe>): Promise<void> {
    for (const e of this.activeEnrollments()) {
      const recipe = live.get(e.slug);
      const messages = recipe?.branches.flatMap((b) => b.features.flatMap((f) => (f.featureId === 'message' ? [{ branch: b.slug, message: f.value }] : [])));
      if (!messages?.length) continue;
      const qualified: string[] = [];
      for (const { branch, message } of messages) {
        const context = this.deps.targeting.context(this.problemReporter(message.id));
        if ((await this.deps.targeting.evaluate(message.targeting, context)).result === true && !qualified.includes(branch)) qualified.push(branch);
      }
      this.deps.report({ category: 'messaging_experiments', method: 'reach', object: messages[0]!.message.template, value: e.slug, extra_keys: { branches: qualified.join(';') } });
    }
  }

  private problemReporter(source: string): (attribute: string, problem: AttributeProblem) => void {
    return (attribute, problem) =>
      this.deps.report({
        category: 'messaging_experiments',
        method: 'targeting',
        object: problem === 'timeout' ? 'attribute_timeout' : 'attribute_error',
        value: attribute,
        extra_keys: { source },
      });
  }
}
