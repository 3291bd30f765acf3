import { describe, expect, it } from 'vitest';
import { isAdvertiser, sanitizeSponsoredFeed } from './sponsoredFeed';

const FEED_URL = 'https://tiles.example/v1/tiles';
const TILE = {
  id: 42,
  name: ' Example Shop ',
  url: 'https://shop.example/',
  click_url: 'https://r.example/click?t=42',
  impression_url: 'https://r.example/imp?t=42',
  image_url: 'icons/shop.png',
  image_size: 200,
  position: 2,
};

describe('sanitizeSponsoredFeed', () => {
  it('keeps well-formed tiles, lowercases the advertiser and resolves relative images against the feed', () => {
    expect(sanitizeSponsoredFeed({ tiles: [TILE] }, FEED_URL)).toEqual({
      tiles: [
        {
          tileId: 42,
          name: 'Example Shop',
          advertiser: 'example shop',
          url: 'https://shop.example/',
          clickUrl: 'https://r.example/click?t=42',
          impressionUrl: 'https://r.example/imp?t=42',
          imageUrl: 'https://tiles.example/v1/icons/shop.png',
          imageSize: 200,
          position: 2,
        },
      ],
      dropped: 0,
    });
  });

  it('drops tiles with non-web links or bad names, and ignores bad optional fields', () => {
    const { tiles, dropped } = sanitizeSponsoredFeed(
      {
        tiles: [
          { ...TILE, url: 'javascript:alert(1)' },
          { ...TILE, click_url: 'data:text/plain,x' },
          { ...TILE, impression_url: undefined },
          { ...TILE, name: '' },
          { ...TILE, name: 'x'.repeat(65) },
          'not a tile',
          { ...TILE, id: 'abc', image_url: 'file:///etc/passwd', image_size: -1, position: 99 },
        ],
      },
      FEED_URL,
    );
    expect(dropped).toBe(6);
    expect(tiles).toEqual([
      { tileId: -1, name: 'Example Shop', advertiser: 'example shop', url: TILE.url, clickUrl: TILE.click_url, impressionUrl: TILE.impression_url },
    ]);
  });

  it('allows images from the bundled feed’s own extension origin', () => {
    const bundled = 'moz-extension://uuid/topsites/sponsored-tiles.json';
    expect(sanitizeSponsoredFeed({ tiles: [{ ...TILE, image_url: 'shop.svg' }] }, bundled).tiles[0]?.imageUrl).toBe('moz-extension://uuid/topsites/shop.svg');
  });

  it('treats anything but an object with a tiles list as an empty feed', () => {
    for (const raw of [null, [], 'x', { tiles: 'no' }]) expect(sanitizeSponsoredFeed(raw, FEED_URL)).toEqual({ tiles: [], dropped: 0 });
  });

  it('an advertiser is short plain text', () => {
    expect(isAdvertiser('acme')).toBe(true);
    for (const bad of ['', '  ', 'a\u0000b', 'x'.repeat(65), 3]) expect(isAdvertiser(bad)).toBe(false);
  });
});
