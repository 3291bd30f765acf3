// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnlyToOneContent, action } from '../../common/actions';
import type { TopSite } from '../../common/topSites/types';
import { renderForTest } from '../../test-support/renderForTest';
import { TopSiteForm } from './TopSiteForm';

afterEach(cleanup);

const type = (name: string | RegExp, value: string) => fireEvent.change(screen.getByRole('textbox', { name }), { target: { value } });

describe('TopSiteForm', () => {
  it('refuses a bad address with a message tied to the field, then adds http:// and pins the site in front', () => {
    const onClose = vi.fn();
    const page = renderForTest(<TopSiteForm index={-1} onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'Add shortcut' });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Title' }));
    type('Title', '  My site ');
    type(/^URL$/, 'javascript:alert(1)');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const url = screen.getByRole('textbox', { name: /^URL$/ });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(url.getAttribute('aria-describedby')!)?.textContent).toBe('Enter a valid web address, such as example.com.');
    expect(page.sent).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();

    type(/^URL$/, 'example.org/start');
    expect(url.getAttribute('aria-invalid')).toBe('false');
    fireEvent.submit(dialog.querySelector('form')!);
    expect(page.sentOfType('TOP_SITES_PIN').map((a) => a.data)).toEqual([
      { site: { url: 'http://example.org/start', label: 'My site', customScreenshotURL: null }, index: -1 },
    ]);
    expect(page.userEvents()).toEqual([{ event: 'TOP_SITES_EDIT', source: 'TOP_SITES_SOURCE', action_position: -1 }]);
    expect(onClose).toHaveBeenCalled();
  });

  it('edits a slot: prefilled, with a previewed custom image; the preview asks the background and says when it failed', () => {
    const site: TopSite = { url: 'https://www.youtube.com/', label: 'youtube', hostname: 'www.youtube.com' };
    const page = renderForTest(<TopSiteForm index={4} site={site} onClose={() => {}} />);
    screen.getByRole('dialog', { name: 'Edit shortcut' });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^URL$/ }).value).toBe(site.url);
    const preview = screen.getByRole<HTMLButtonElement>('button', { name: 'Preview' });
    expect(preview.disabled).toBe(true);

    type('Custom image URL (optional)', 'not an image address');
    fireEvent.click(preview);
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid image address (http or https).');
    type('Custom image URL (optional)', 'img.example/a.png');
    fireEvent.click(preview);
    expect(page.sentOfType('PREVIEW_REQUEST').map((a) => a.data)).toEqual([{ url: 'http://img.example/a.png' }]);
    expect(page.userEvents()).toEqual([{ event: 'PREVIEW_REQUEST', source: 'TOP_SITES' }]);
    expect(screen.getByText('Loading the image…')).toBeTruthy();

    act(() => void page.store.dispatch(OnlyToOneContent(action('PREVIEW_RESPONSE', { url: 'http://img.example/a.png', dataUrl: null }), 'p')));
    expect(screen.getByText('This image could not be loaded. Try another address.')).toBeTruthy();
    act(() => void page.store.dispatch(OnlyToOneContent(action('PREVIEW_RESPONSE', { url: 'http://img.example/a.png', dataUrl: 'data:image/png;base64,AA' }), 'p')));
    expect(screen.getByRole('img', { name: 'Preview of the custom image' }).getAttribute('src')).toBe('data:image/png;base64,AA');
    // A preview of another address is not this one's.
    type('Custom image URL (optional)', 'https://img.example/b.png');
    expect(screen.queryByRole('img')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(page.sentOfType('TOP_SITES_PIN').map((a) => a.data)).toEqual([
      { site: { url: site.url, label: 'youtube', customScreenshotURL: 'https://img.example/b.png' }, index: 4 },
    ]);
    expect(page.userEvents().at(-1)).toEqual({ event: 'TOP_SITES_EDIT', source: 'TOP_SITES_SOURCE', action_position: 4 });
  });

  it('Escape and Cancel close it without sending anything', () => {
    const onClose = vi.fn();
    const page = renderForTest(<TopSiteForm index={-1} onClose={onClose} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(page.sent).toEqual([]);
  });
});
