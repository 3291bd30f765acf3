import { describe, expect, it } from 'vitest';
import { groupCards, orderStories } from './sectionLayout';
import { layoutCards } from './spocSelection';
import type { FeedSection, Spoc, Story } from './types';

const story = (id: number, section?: string): Story => ({
  id,
  url: `https://n.example/${id}`,
  title: `S${id}`,
  excerpt: '',
  publisher: '',
  image: null,
  ...(section ? { section } : {}),
});
const spoc = (id: number): Spoc => ({
  ...story(id),
  sponsor: 'Acme',
  flightId: `f${id}`,
  score: 1,
  shim: {},
  caps: { lifetime: 9, period: { count: 9, seconds: 60 } },
});
const sec = (id: string): FeedSection => ({ id, title: id, subtitle: '' });

describe('orderStories', () => {
  it('puts stories outside any section first, then each shown section’s, and leaves out hidden sections', () => {
    const stories = [story(1, 'b'), story(2), story(3, 'a'), story(4, 'c'), story(5, 'b')];
    expect(orderStories(stories, [sec('b'), sec('a')]).map((s) => s.id)).toEqual([2, 1, 5, 3]);
  });
  it('keeps a flat feed as it is', () => {
    const stories = [story(1), story(2)];
    expect(orderStories(stories, [])).toEqual(stories);
  });
});

describe('groupCards', () => {
  it('cuts one run of positions into sections, a spoc going with the story after it', () => {
    const sections = [sec('a'), sec('b')];
    const cards = layoutCards(orderStories([story(1), story(2, 'a'), story(3, 'a'), story(4, 'b')], sections), [
      { spoc: spoc(90), position: 1 },
      { spoc: spoc(91), position: 4 },
    ]);
    const groups = groupCards(cards, sections);
    expect(groups.map((g) => [g.section?.id ?? null, g.cards.map((c) => [c.story.id, c.pos])])).toEqual([
      [null, [[1, 0]]],
      ['a', [[90, 1], [2, 2], [3, 3]]],
      ['b', [[91, 4], [4, 5]]],
    ]);
  });
  it('gives a spoc at the end the last story’s section', () => {
    const cards = layoutCards([story(1, 'a')], [{ spoc: spoc(90), position: 5 }]);
    expect(groupCards(cards, [sec('a')]).map((g) => [g.section?.id, g.cards.length])).toEqual([['a', 2]]);
  });
  it('makes one group without a heading for a flat feed', () => {
    const cards = layoutCards([story(1), story(2)], []);
    expect(groupCards(cards, [])).toEqual([{ section: null, cards }]);
  });
});
