import type { PingContext, PingEnvelope } from '../../../common/pings/types';

/** Fields PingCentre adds to every structured-ingestion payload. */
export function pingCentreFields(ctx: PingContext) {
  return {
    version: ctx.version,
    locale: ctx.locale,
    release_channel: ctx.release_channel,
    experiments: copyExperiments(ctx.experiments),
  };
}

export function makeEnvelope(
  ctx: PingContext,
  namespace: string,
  docType: string,
  docVersion: number,
  payload: Record<string, unknown>,
): PingEnvelope {
  return { namespace, docType, docVersion, docId: ctx.newDocId(), payload };
}

/** The ingestion path; docId is a bare UUID, as Firefox strips the braces. */
export function submitPath(env: PingEnvelope): string {
  return `/submit/${env.namespace}/${env.docType}/${env.docVersion}/${env.docId}`;
}

// Only `branch` per experiment: the context is ours, but a copy keeps later
// enrolment changes out of pings already built.
function copyExperiments(experiments: PingContext['experiments']): PingContext['experiments'] {
  return Object.fromEntries(Object.entries(experiments).map(([id, { branch }]) => [id, { branch }]));
}
