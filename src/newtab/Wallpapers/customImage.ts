// The user's own wallpaper image: checked (a PNG, JPEG, WebP or GIF by its
// first bytes, at most 5 MB), scaled down and re-encoded in the page, and
// kept in storage.local with its average colour and the scheme its text
// needs. It is never sent anywhere and no ping says anything about it.
import { schemeForColor, type CustomImage } from '../../common/wallpapers/catalog';

export const CUSTOM_IMAGE_KEY = 'newtabWallpapers.customImage';
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** Longest side kept: enough for a large screen, and small enough for the first-paint copy. */
const MAX_SIDE = 2560;
/** Largest data URL we keep (storage.local holds 10 MB in Chromium). */
const MAX_DATA_URL = 4_000_000;

export type UploadError = 'type' | 'size' | 'read';

export class UploadRejected extends Error {
  constructor(readonly reason: UploadError) {
    super(`wallpaper upload rejected: ${reason}`);
  }
}

/** The image type of a file by its first bytes; the name and the browser's guess are not trusted. */
export function sniffImageType(head: Uint8Array): (typeof UPLOAD_TYPES)[number] | null {
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Checks size and type before anything is decoded. */
export async function checkUpload(file: Blob): Promise<UploadError | null> {
  if (file.size > MAX_UPLOAD_BYTES) return 'size';
  if (file.size === 0) return 'read';
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  return sniffImageType(head) ? null : 'type';
}

/** #rrggbb of the average of RGBA pixels. */
export function averageColor(pixels: Uint8ClampedArray): string {
  const sum = [0, 0, 0];
  let weight = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3]! / 255;
    for (let c = 0; c < 3; c++) sum[c]! += pixels[i + c]! * alpha;
    weight += alpha;
  }
  const hex = (v: number) => Math.round(weight ? v / weight : 0).toString(16).padStart(2, '0');
  return `#${sum.map(hex).join('')}`;
}

/** Decodes, scales and re-encodes the image in the page (a canvas). Throws UploadRejected. */
export async function prepareUpload(file: Blob, doc: Document = document): Promise<CustomImage> {
  const problem = await checkUpload(file);
  if (problem) throw new UploadRejected(problem);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new UploadRejected('read');
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = doc.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new UploadRejected('read');
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const sample = doc.createElement('canvas');
  sample.width = sample.height = 16;
  const sampleContext = sample.getContext('2d', { willReadFrequently: true });
  if (!sampleContext) throw new UploadRejected('read');
  sampleContext.drawImage(bitmap, 0, 0, 16, 16);
  bitmap.close();
  const color = averageColor(sampleContext.getImageData(0, 0, 16, 16).data);
  // WebP keeps transparency and is small; a browser that cannot write it gives PNG, then JPEG is smaller.
  let dataUrl = canvas.toDataURL('image/webp', 0.85);
  if (!dataUrl.startsWith('data:image/webp') || dataUrl.length > MAX_DATA_URL) dataUrl = canvas.toDataURL('image/jpeg', 0.8);
  if (dataUrl.length > MAX_DATA_URL) throw new UploadRejected('size');
  return { dataUrl, color, scheme: schemeForColor(color) };
}

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/;

/** What storage.local holds, or null when it is not an image we kept. */
export function parseCustomImage(value: unknown): CustomImage | null {
  const r = value as Partial<CustomImage> | null;
  if (!r || typeof r !== 'object' || typeof r.dataUrl !== 'string' || !DATA_URL.test(r.dataUrl)) return null;
  if (typeof r.color !== 'string' || !/^#[0-9a-f]{6}$/.test(r.color) || (r.scheme !== 'light' && r.scheme !== 'dark')) return null;
  return { dataUrl: r.dataUrl, color: r.color, scheme: r.scheme };
}
