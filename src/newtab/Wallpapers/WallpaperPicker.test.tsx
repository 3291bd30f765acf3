// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderForTest } from '../../test-support/renderForTest';
import { UploadRejected } from './customImage';
import { CustomImageProvider, type ImageStorage } from './WallpaperContext';
import { WallpaperPicker } from './WallpaperPicker';

afterEach(cleanup);

function memoryStorage(): ImageStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: data[key] } : {}),
    set: async (items) => void Object.assign(data, items),
    onChanged: { addListener: vi.fn(), removeListener: vi.fn() },
  };
}

const IMAGE = { dataUrl: 'data:image/webp;base64,UklGRg==', color: '#203040', scheme: 'dark' as const };

function render(prefs = {}, prepare = vi.fn(async () => IMAGE)) {
  const storage = memoryStorage();
  const page = renderForTest(
    <CustomImageProvider storage={storage}>
      <WallpaperPicker menuSource="CUSTOMIZE_MENU" prepare={prepare} />
    </CustomImageProvider>,
    { prefs },
  );
  return { ...page, storage, prepare };
}

const setPrefs = (page: ReturnType<typeof render>) => page.sentOfType('SET_PREF').map((a) => a.data);

describe('WallpaperPicker', () => {
  it('is one labelled radio group by category; choosing sends the id only', () => {
    const page = render();
    expect(screen.getByRole('radio', { name: 'No wallpaper' })).toHaveProperty('checked', true);
    expect(screen.getByRole('group', { name: 'Solid colours' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Patterns and gradients' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Waves' }));
    expect(setPrefs(page)).toEqual([{ name: 'newtabWallpapers.wallpaper', value: 'waves' }]);
    expect(page.userEvents()).toEqual([{ event: 'WALLPAPER_SELECT', source: 'WALLPAPERS', value: { selected_wallpaper: 'waves', had_previous_wallpaper: false } }]);
  });

  it('a custom colour is chosen when the picker closes, and the event never carries it', () => {
    const page = render({ 'newtabWallpapers.wallpaper': 'solid-sand' });
    const input = screen.getByLabelText('Choose the colour') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '#123456' } });
    expect(setPrefs(page)).toEqual([]);
    fireEvent.change(input, { target: { value: '#123456' } });
    input.dispatchEvent(new Event('change'));
    expect(setPrefs(page).slice(0, 2)).toEqual([
      { name: 'newtabWallpapers.customColor', value: '#123456' },
      { name: 'newtabWallpapers.wallpaper', value: 'custom-color' },
    ]);
    expect(JSON.stringify(page.userEvents())).not.toContain('123456');
    expect(page.userEvents()[0]).toMatchObject({ event: 'WALLPAPER_SELECT', value: { selected_wallpaper: 'custom-color', had_previous_wallpaper: true } });
  });

  it('"Show wallpaper" hides it with PREF_CHANGED and keeps the choice, greyed out', () => {
    const page = render({ 'newtabWallpapers.wallpaper': 'dunes', 'newtabWallpapers.show': false });
    expect(screen.getByRole('radio', { name: 'Dunes' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Dunes' }).matches(':disabled')).toBe(true);
    fireEvent.click(screen.getByRole('switch', { name: 'Show wallpaper' }));
    expect(setPrefs(page)).toEqual([{ name: 'newtabWallpapers.show', value: true }]);
    expect(page.userEvents()).toEqual([{ event: 'PREF_CHANGED', source: 'WALLPAPERS', value: { status: true, menu_source: 'CUSTOMIZE_MENU' } }]);
  });

  it('keeps an upload locally and chooses it; a refused one says why and changes nothing', async () => {
    const refused = render({}, vi.fn(async () => Promise.reject(new UploadRejected('size'))));
    fireEvent.change(screen.getByLabelText('Upload an image'), { target: { files: [new File(['x'], 'big.png')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('This image is larger than 5 MB. Choose a smaller one.');
    expect(setPrefs(refused)).toEqual([]);
    cleanup();

    const page = render({ 'newtabWallpapers.wallpaper': 'waves' });
    fireEvent.change(screen.getByLabelText('Upload an image'), { target: { files: [new File(['x'], 'me.png')] } });
    await waitFor(() => expect(setPrefs(page)).toEqual([{ name: 'newtabWallpapers.wallpaper', value: 'custom-image' }]));
    expect(page.storage.data['newtabWallpapers.customImage']).toEqual(IMAGE);
    expect(page.userEvents()).toEqual([{ event: 'WALLPAPER_UPLOAD', source: 'WALLPAPERS', value: { had_previous_wallpaper: true } }]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('radio', { name: 'Your image' })).toBeTruthy();
  });
});
