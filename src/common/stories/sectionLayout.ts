// Lays a feed with topic sections out as the page shows it: stories outside
// any section first, then each shown section's stories in its order. The
// cards (with their spocs) keep one run of positions across the page, so
// spoc positions, "Load more" and impression positions mean what they mean
// on a flat grid; the page then cuts that run into its sections.
import type { TopicsState } from './topics';
import type { Card, FeedSection, Story } from './types';

export interface CardGroup {
  /** Null for the cards outside any section, shown first without a heading. */
  section: FeedSection | null;
  cards: Card[];
}

/** The stories in page order; a story of a section not shown (blocked) is left out. */
export function orderStories(stories: readonly Story[], shownSections: readonly FeedSection[]): Story[] {
  const outside = stories.filter((s) => s.section === undefined);
  return [...outside, ...shownSections.flatMap((section) => stories.filter((s) => s.section === section.id))];
}

/** The stories in the feed's order, those of a blocked topic left out (sections switched off). */
export function withoutBlocked(stories: readonly Story[], topics: Pick<TopicsState, 'blocked'>): Story[] {
  return stories.filter((s) => s.section === undefined || !topics.blocked.includes(s.section));
}

/**
 * Cuts the cards into their sections. A spoc belongs to the section of the
 * next story after it (the last one's when it is at the end), so it sits
 * inside a section rather than between two.
 */
export function groupCards(cards: readonly Card[], sections: readonly FeedSection[]): CardGroup[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const sectionOf = (i: number): string | undefined => {
    const next = cards.slice(i).find((c) => c.type === 'organic') ?? cards.slice(0, i).findLast((c) => c.type === 'organic');
    return next?.type === 'organic' ? next.story.section : undefined;
  };
  const groups: CardGroup[] = [];
  cards.forEach((card, i) => {
    const section = byId.get(sectionOf(i) ?? '') ?? null;
    const last = groups.at(-1);
    if (last && last.section === section) last.cards.push(card);
    else groups.push({ section, cards: [card] });
  });
  return groups;
}
