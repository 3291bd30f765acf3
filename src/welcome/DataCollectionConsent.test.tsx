// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderForTest } from '../test-support/renderForTest';
import { DataCollectionConsent } from './DataCollectionConsent';

afterEach(cleanup);

function fakePermission(supported: boolean, granted: boolean, answer = true) {
  const calls: string[] = [];
  return {
    calls,
    isSupported: async () => supported,
    isGranted: async () => granted,
    request: () => {
      calls.push('request');
      return Promise.resolve(answer);
    },
  };
}

describe('DataCollectionConsent', () => {
  it('offers to share data where Firefox asks, and thanks the user once granted', async () => {
    const permission = fakePermission(true, false);
    renderForTest(<DataCollectionConsent permission={permission} />);
    const button = await screen.findByRole('button', { name: 'Share technical and interaction data' });
    expect(screen.getByRole('heading', { name: 'Help improve Open Activity Stream' })).toBeTruthy();
    await act(async () => void fireEvent.click(button));
    expect(permission.calls).toEqual(['request']);
    expect((await screen.findByRole('status')).textContent).toMatch(/sharing is on/);
  });

  it('keeps offering when the user declines', async () => {
    const permission = fakePermission(true, false, false);
    renderForTest(<DataCollectionConsent permission={permission} />);
    const button = await screen.findByRole('button');
    await act(async () => void fireEvent.click(button));
    expect(screen.getByRole('button', { name: 'Share technical and interaction data' })).toBeTruthy();
  });

  it('says thank you when already granted, and shows nothing where the browser has no such permission', async () => {
    renderForTest(<DataCollectionConsent permission={fakePermission(true, true)} />);
    expect(await screen.findByRole('status')).toBeTruthy();
    cleanup();
    const { container } = renderForTest(<DataCollectionConsent permission={fakePermission(false, true)} />);
    await act(async () => undefined);
    expect(container.innerHTML).toBe('');
  });

  it('speaks French and Arabic', async () => {
    renderForTest(<DataCollectionConsent permission={fakePermission(true, false)} />, { locale: 'fr' });
    expect(await screen.findByRole('button', { name: 'Partager les données techniques et d’interaction' })).toBeTruthy();
    cleanup();
    renderForTest(<DataCollectionConsent permission={fakePermission(true, false)} />, { locale: 'ar' });
    expect(await screen.findByRole('button', { name: 'مشاركة البيانات التقنية وبيانات التفاعل' })).toBeTruthy();
  });
});
