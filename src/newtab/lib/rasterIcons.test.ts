import { describe, expect, it } from 'vitest';
import { rasterIconSource } from './rasterIcons';

const BASE = 'moz-extension://0b7e4c5a-1111-4222-8333-444455556666/';

/** A document whose canvases record what they draw; `readable: false` is a tainted canvas. */
function fakeDocument(pixelRatio: number, readable = true) {
  const drawn: { size: [number, number]; at: number[] }[] = [];
  const doc = {
    baseURI: `${BASE}newtab/newtab.html`,
    defaultView: { devicePixelRatio: pixelRatio },
    createElement: () => {
      const canvas = {
        width: 0,
        height: 0,
        getContext: () => ({ drawImage: (_img: unknown, ...at: number[]) => drawn.push({ size: [canvas.width, canvas.height], at }) }),
        toDataURL: (type: string) => {
          if (!readable) throw new DOMException('tainted', 'SecurityError');
          return `data:${type};base64,${canvas.width}x${canvas.height}`;
        },
      };
      return canvas;
    },
  } as unknown as Document;
  return { doc, drawn };
}

const image = (src: string, props: Partial<HTMLImageElement> = {}) =>
  ({ currentSrc: src, src, complete: true, naturalWidth: 192, naturalHeight: 192, width: 64, height: 64, ...props }) as HTMLImageElement;

describe('rasterIconSource', () => {
  it('turns a loaded packaged SVG into a PNG of the size it shows, once per source and size', () => {
    const { doc, drawn } = fakeDocument(2);
    const source = rasterIconSource(doc);
    expect(source(image(`${BASE}tippytop/github.svg`))).toBe('data:image/png;base64,128x128');
    expect(source(image(`${BASE}tippytop/github.svg`))).toBe('data:image/png;base64,128x128');
    expect(drawn).toEqual([{ size: [128, 128], at: [0, 0, 128, 128] }]);
  });

  it('turns an SVG data URL (a sponsored tile\'s image, as the background keeps it) into a PNG too', () => {
    const { doc, drawn } = fakeDocument(1);
    expect(rasterIconSource(doc)(image('data:image/svg+xml;base64,PHN2Zy8+'))).toBe('data:image/png;base64,64x64');
    expect(drawn).toHaveLength(1);
  });

  it('draws as object-fit: cover does: a wide image fills the height and is cut at the sides', () => {
    const { doc, drawn } = fakeDocument(1);
    rasterIconSource(doc)(image(`${BASE}tippytop/wide.svg`, { naturalWidth: 200, naturalHeight: 100 }));
    expect(drawn).toEqual([{ size: [64, 64], at: [-32, 0, 128, 64] }]);
  });

  it('keeps the source of remote images, other types, and images not loaded or not shown', () => {
    const { doc, drawn } = fakeDocument(1);
    const source = rasterIconSource(doc);
    expect(source(image('https://example.com/icon.svg'))).toBeNull();
    expect(source(image(`${BASE}topsites/rich.png`))).toBeNull();
    expect(source(image('data:image/png;base64,iVBORw0KGgo='))).toBeNull();
    expect(source(image(`${BASE}tippytop/a.svg`, { complete: false }))).toBeNull();
    expect(source(image(`${BASE}tippytop/a.svg`, { naturalWidth: 0 }))).toBeNull();
    expect(source(image(`${BASE}tippytop/a.svg`, { width: 0 }))).toBeNull();
    expect(drawn).toEqual([]);
  });

  it('keeps the source when the canvas cannot be read', () => {
    const { doc } = fakeDocument(1, false);
    expect(rasterIconSource(doc)(image(`${BASE}tippytop/a.svg`))).toBeNull();
  });
});
