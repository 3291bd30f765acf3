import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, averageColor, checkUpload, parseCustomImage, sniffImageType } from './customImage';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe('the user’s own image', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else', () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61))).toBe('image/gif');
    expect(sniffImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50))).toBe('image/webp');
    expect(sniffImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('refuses a file over 5 MB, an empty one and one of another type before decoding it', async () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(await checkUpload(new Blob([new Uint8Array(png)]))).toBeNull();
    expect(await checkUpload(new Blob([new Uint8Array(png), new Uint8Array(MAX_UPLOAD_BYTES)]))).toBe('size');
    expect(await checkUpload(new Blob([]))).toBe('read');
    expect(await checkUpload(new Blob(['GIF? no, text']))).toBe('type');
  });

  it('averages pixels by their opacity', () => {
    expect(averageColor(new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]))).toBe('#800080');
    expect(averageColor(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 0]))).toBe('#ffffff');
  });

  it('reads back only what it keeps', () => {
    const kept = { dataUrl: 'data:image/webp;base64,UklGRg==', color: '#aabbcc', scheme: 'light' };
    expect(parseCustomImage(kept)).toEqual(kept);
    expect(parseCustomImage({ ...kept, dataUrl: 'https://example.com/a.png' })).toBeNull();
    expect(parseCustomImage({ ...kept, dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' })).toBeNull();
    expect(parseCustomImage({ ...kept, scheme: 'grey' })).toBeNull();
    expect(parseCustomImage(undefined)).toBeNull();
  });
});
