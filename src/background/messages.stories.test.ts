import { describe, expect, it } from 'vitest';
import { parsePageMessage } from './messages';

const ok = (type: string, data: unknown) => parsePageMessage({ type, data }).ok;

describe('page messages for stories', () => {
  it('blocks, saves and unsaves name a story by a non-negative integer id', () => {
    for (const type of ['DISCOVERY_STREAM_BLOCK_STORY', 'DISCOVERY_STREAM_SAVE_STORY', 'DISCOVERY_STREAM_UNSAVE_STORY']) {
      expect(ok(type, { id: 10001 }), type).toBe(true);
      for (const id of [-1, 1.5, '10001', null, Number.MAX_SAFE_INTEGER + 2]) expect(ok(type, { id }), `${type} ${String(id)}`).toBe(false);
      expect(ok(type, undefined), type).toBe(false);
    }
  });

  it('flight ids are short plain tokens', () => {
    expect(ok('DISCOVERY_STREAM_BLOCK_STORY', { id: 1, flightId: 'cedar-2026-q4' })).toBe(true);
    expect(ok('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId: 'cedar-2026-q4' })).toBe(true);
    for (const flightId of ['', 'a b', '<script>', 'x'.repeat(65), 42]) {
      expect(ok('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId }), String(flightId)).toBe(false);
      expect(ok('DISCOVERY_STREAM_BLOCK_STORY', { id: 1, flightId }), String(flightId)).toBe(false);
    }
  });

  it('the stories update only ever comes from the background', () => {
    expect(ok('DISCOVERY_STREAM_STORIES_UPDATE', { stories: [] })).toBe(false);
  });

  it('topic changes name a section by its id, and thumbs up a story by its id', () => {
    for (const type of ['FOLLOW_SECTION', 'UNFOLLOW_SECTION', 'BLOCK_SECTION', 'UNBLOCK_SECTION']) {
      expect(ok(type, { section: 'home-and_garden' }), type).toBe(true);
      for (const section of ['', 'Science', 'a b', 'https://x.example/', 'x'.repeat(65), 7]) expect(ok(type, { section }), `${type} ${String(section)}`).toBe(false);
    }
    expect(ok('DISCOVERY_STREAM_THUMBS_UP', { id: 3 })).toBe(true);
    expect(ok('DISCOVERY_STREAM_THUMBS_UP', { id: -3 })).toBe(false);
  });

  it('the topics state only ever comes from the background', () => {
    expect(ok('SECTION_PERSONALIZATION_UPDATE', { followed: [], blocked: [], liked: [] })).toBe(false);
  });
});
