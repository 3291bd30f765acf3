// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PREF_NAMES } from '../common/prefs';
import { renderForTest } from '../test-support/renderForTest';
import { Options } from './Options';

beforeAll(() => vi.stubGlobal('__TELEMETRY_ENDPOINT__', 'http://127.0.0.1:8787'));
afterEach(cleanup);

describe('Options', () => {
  it('has a control for every pref', () => {
    const { container } = renderForTest(<Options />);
    const named = new Set([...container.querySelectorAll('[name]')].map((e) => e.getAttribute('name')));
    expect(PREF_NAMES.filter((p) => !named.has(p))).toEqual([]);
  });

  it.each([
    ['Shortcuts', 'TOP_SITES'],
    ['Sponsored shortcuts', 'SPONSORED_TOP_SITES'],
    ['Recommended stories', 'TOP_STORIES'],
    ['Sponsored stories', 'POCKET_SPOCS'],
    ['Recent activity', 'HIGHLIGHTS'],
    ['Snippets', 'SNIPPETS'],
  ])('%s sends PREF_CHANGED from %s with menu_source ABOUT_PREFERENCES', (name, source) => {
    const page = renderForTest(<Options />);
    fireEvent.click(screen.getByRole('checkbox', { name }));
    expect(page.userEvents()).toEqual([{ event: 'PREF_CHANGED', source, value: { status: false, menu_source: 'ABOUT_PREFERENCES' } }]);
  });

  it('switches that are not sections set their pref and send no event', () => {
    const page = renderForTest(<Options />);
    for (const name of ['Web search', 'Recommend extensions as you browse', 'Recommend features as you browse', 'Send technical and interaction data']) {
      fireEvent.click(screen.getByRole('checkbox', { name }));
    }
    expect(page.sentOfType('SET_PREF').map((a) => a.data.name)).toEqual([
      'showSearch',
      'asrouter.userprefs.cfr.addons',
      'asrouter.userprefs.cfr.features',
      'telemetry',
    ]);
    expect(page.userEvents()).toEqual([]);
  });

  it('explains telemetry and links to the bundled list of what we collect', () => {
    renderForTest(<Options />);
    const link = screen.getByRole('link', { name: 'See exactly what we collect' });
    expect(link.getAttribute('href')).toBe('#metrics');
    const metrics = document.getElementById('metrics')!;
    expect(within(metrics).getByRole('heading', { level: 2, name: 'What we collect' })).toBeTruthy();
    expect(within(metrics).getByText('activity-stream/events')).toBeTruthy();
    expect(within(metrics).getByText('TABPINNED')).toBeTruthy();
    expect(within(metrics).getByText('messaging-system/undesired-events')).toBeTruthy();
    expect(within(metrics).getByText('messaging-system/onboarding')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Send technical and interaction data' }).getAttribute('aria-describedby')).toBe(
      'telemetry-explanation',
    );
  });

  it.each([
    ['Stories feed address', 'discoverystream.feedUrl'],
    ['Sponsored shortcuts feed address', 'topsites.sponsoredFeedUrl'],
    ['Telemetry collector address', 'telemetry.endpoint'],
  ])('%s accepts only https (or http on loopback) and saves on submit', (name, pref) => {
    const page = renderForTest(<Options />);
    const input = screen.getByRole('textbox', { name });
    const save = within(input.closest('form')!).getByRole('button', { name: 'Save' });
    fireEvent.change(input, { target: { value: 'javascript:alert(1)' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('https');
    expect(save).toHaveProperty('disabled', true);
    fireEvent.submit(input.closest('form')!);
    expect(page.sentOfType('SET_PREF')).toEqual([]);

    fireEvent.change(input, { target: { value: ' https://feeds.example.org/x.json ' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(save);
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: pref, value: 'https://feeds.example.org/x.json' }]);
  });

  it('the batch delay is a choice of seconds that sets telemetry.batchSeconds', () => {
    const page = renderForTest(<Options />);
    const select = screen.getByRole('combobox', { name: 'Longest wait before sending collected data' });
    expect((select as HTMLSelectElement).value).toBe('30');
    fireEvent.change(select, { target: { value: '5' } });
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'telemetry.batchSeconds', value: 5 }]);
  });

  it('an empty feed address means the built-in feed and is valid', () => {
    const page = renderForTest(<Options />, { prefs: { 'discoverystream.feedUrl': 'https://feeds.example.org/x.json' } });
    const input = screen.getByRole('textbox', { name: 'Stories feed address' });
    expect(input).toHaveProperty('value', 'https://feeds.example.org/x.json');
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.submit(input.closest('form')!);
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'discoverystream.feedUrl', value: '' }]);
  });

  it('has the messaging admin section before what we collect, and asks the background for its state', () => {
    const page = renderForTest(<Options />);
    const admin = screen.getByRole('region', { name: 'Messages (for product teams)' });
    expect(admin.compareDocumentPosition(document.getElementById('metrics')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(page.sentOfType('MESSAGING_ADMIN_REQUEST')).toHaveLength(1);
  });

  it('is in French and Arabic too', () => {
    renderForTest(<Options />, { locale: 'fr' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Paramètres de l’accueil et du nouvel onglet');
    cleanup();
    renderForTest(<Options />, { locale: 'ar' });
    expect(screen.getByRole('link', { name: 'اطّلع على ما نجمعه بالضبط' })).toBeTruthy();
  });
});
