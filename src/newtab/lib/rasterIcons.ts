// The boot snapshot keeps SVG tile icons as PNG data URLs at the size they
// show: Chromium builds a document for every SVG image on the main thread
// before the first frame with the tiles (27 and 46 ms for two at a browser's
// first tab), while a PNG is decoded off it. That is our packaged icons
// (tippytop) and any SVG data URL (a sponsored tile's image, which the
// background keeps as one). Other images keep their source (a remote one could
// not be read back from a canvas anyway).
import type { SnapshotImageSource } from '../boot/snapshot';

/** An SVG image a canvas can read back: one of ours, or a data URL. */
function isReadableSvg(src: string, packaged: string): boolean {
  if (src.startsWith('data:')) return /^data:image\/svg\+xml[;,]/i.test(src);
  return src.startsWith(packaged) && /\.svg$/i.test(new URL(src).pathname);
}

export function rasterIconSource(doc: Document): SnapshotImageSource {
  const packaged = new URL('/', doc.baseURI).href;
  const made = new Map<string, string | null>();
  return (img) => {
    const src = img.currentSrc || img.src;
    if (!isReadableSvg(src, packaged)) return null;
    if (!img.complete || img.naturalWidth === 0 || img.naturalHeight === 0) return null;
    const pixelRatio = doc.defaultView?.devicePixelRatio ?? 1;
    const width = Math.round(img.width * pixelRatio);
    const height = Math.round(img.height * pixelRatio);
    if (width === 0 || height === 0) return null;
    const key = `${width}x${height} ${src}`;
    if (!made.has(key)) made.set(key, drawCovering(doc, img, width, height));
    return made.get(key)!;
  };
}

/** The image drawn as `object-fit: cover` draws it (the tiles' style), as a PNG data URL. */
function drawCovering(doc: Document, img: HTMLImageElement, width: number, height: number): string | null {
  try {
    const canvas = doc.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return null;
    const scale = Math.max(width / img.naturalWidth, height / img.naturalHeight);
    const w = img.naturalWidth * scale;
    const h = img.naturalHeight * scale;
    context.drawImage(img, (width - w) / 2, (height - h) / 2, w, h);
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}
