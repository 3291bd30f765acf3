// The experiment manager's shapes: Nimbus-shaped recipes (the fields our
// manager reads), enrollments, and the events it reports. Shared by the
// background (which enrolls and reports) and the settings page (which lists).
import type { MessageTemplate, RouterMessage } from '../messaging/types';
import type { WelcomeScreen } from '../onboarding/screens';

/** What a branch changes: the welcome screens, and/or one message for the router. */
export type FeatureValue =
  | { featureId: 'aboutwelcome'; value: { screens: WelcomeScreen[] } }
  | { featureId: 'message'; value: RouterMessage };

export interface Branch {
  slug: string;
  /** Relative weight; a branch of ratio 2 gets twice the users of one of ratio 1. */
  ratio: number;
  features: FeatureValue[];
}

export interface BucketConfig {
  namespace: string;
  /** Our only unit: a random id kept for experiments alone (Nimbus's normandy_id). */
  randomizationUnit: 'normandy_id';
  start: number;
  count: number;
  total: number;
}

export interface Recipe {
  slug: string;
  branches: Branch[];
  /** JEXL; absent means everyone. */
  targeting?: string;
  bucketConfig: BucketConfig;
  isEnrollmentPaused: boolean;
  /** ISO date; after it the recipe counts as gone. */
  endDate?: string;
}

/** Nimbus's unenrollment reasons that can happen here. */
export const UNENROLL_REASONS = ['recipe-not-seen', 'targeting-mismatch', 'studies-opt-out', 'individual-opt-out', 'branch-removed', 'force-enrollment'] as const;
export type UnenrollReason = (typeof UNENROLL_REASONS)[number];

export interface Enrollment {
  slug: string;
  branch: string;
  active: boolean;
  enrolledAt: number;
  /** Forced from the admin section: kept whatever the bucket or targeting say. */
  forced?: boolean;
  /** Set once it ended; an ended enrollment is kept so the recipe never enrolls this profile again. */
  reason?: UnenrollReason;
}

/** The events of docType open-activity-stream/messaging-experiments, in the seed's category/method/object/value form. */
export type ExperimentEventData =
  | { category: 'normandy'; method: 'enroll'; object: 'nimbus_experiment'; value: string; extra_keys: { branch: string } }
  | { category: 'normandy'; method: 'unenroll'; object: 'nimbus_experiment'; value: string; extra_keys: { branch: string; reason: UnenrollReason } }
  /** object: the template of the experiment's messages (Firefox names the messaging feature). */
  | { category: 'messaging_experiments'; method: 'reach'; object: MessageTemplate; value: string; extra_keys: { branches: string } }
  | { category: 'messaging_experiments'; method: 'targeting'; object: 'attribute_error' | 'attribute_timeout'; value: string; extra_keys: { source: string } };

/** What the settings page shows of an active enrollment. */
export interface ActiveExperiment {
  slug: string;
  branch: string;
  forced: boolean;
}

/** A recipe the admin section can force a branch of. */
export interface KnownRecipe {
  slug: string;
  branches: string[];
}

export interface ExperimentsState {
  active: ActiveExperiment[];
  recipes: KnownRecipe[];
}
