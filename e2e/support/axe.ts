// Accessibility checks shared by the specs: axe-core run in the page itself.
// @axe-core/playwright's AxeBuilder sends axe's 550 KB source again on every
// check and opens a blank tab to merge the results of frames, which our pages
// do not have: in Firefox a check cost 1.1-1.9 CPU-s that way, 0.1 this way.
import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's violations on the page's document for the rules `runOnly` picks; axe is injected once per document. */
export async function axeViolations(page: Page, runOnly: axe.RunOnly): Promise<axe.Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    async (only) => (await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: only })).violations,
    runOnly,
  );
}

export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page, { type: 'tag', values: WCAG_TAGS });
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}
