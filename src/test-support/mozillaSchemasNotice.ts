// vitest global setup: runs once per run, so a clone without Mozilla's schemas
// gets one line saying the conformance suites were not run and why, however
// many suites need them. Printed at the end of the run, next to the summary.
import { findMozillaSchemas, notRunNotice } from './mozillaSchemas';

export default function setup(): () => void {
  const schemas = findMozillaSchemas();
  return () => {
    if (!schemas.found && !schemas.requiredBecause) console.log(notRunNotice(schemas));
  };
}
