// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BroadcastToContent, action } from '../common/actions';
import { DEFAULT_WELCOME_FLOW, type WelcomeFlow } from '../common/onboarding/screens';
import { renderForTest } from '../test-support/renderForTest';
import { MultiStageWelcome } from './MultiStageWelcome';

afterEach(cleanup);

function renderFlow(flow: WelcomeFlow | null = DEFAULT_WELCOME_FLOW, locale = 'en') {
  const opened: string[] = [];
  const page = renderForTest(
    <MultiStageWelcome flow={flow} openNewTab={() => opened.push('newtab')} openOptionsPage={() => opened.push('options')} openUrl={(url) => opened.push(url)} />,
    { locale },
  );
  const reported = () =>
    page.sent.flatMap((a) =>
      a.type === 'WELCOME_SCREEN_SHOWN' ? [`shown ${a.data.screen}`] : a.type === 'WELCOME_BUTTON' ? [`${a.data.source} ${a.data.screen}`] : [],
    );
  return { ...page, opened, reported };
}

const heading = () => screen.getByRole('heading', { level: 1 });
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('MultiStageWelcome', () => {
  it('waits for its screens', () => {
    const { container } = renderFlow(null);
    expect(container.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
  });

  it('goes screen by screen with back, reports each screen once it shows and each button, and ends', () => {
    const page = renderFlow();
    expect(heading().textContent).toBe('Welcome to Open Activity Stream');
    expect(screen.getByRole('list', { name: 'Step 1 of 4' }).children).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
    click('Choose what you see');
    expect(page.opened).toEqual(['options']);
    click('Get started');
    expect(heading().textContent).toBe('Pin your favourite sites');
    expect(document.activeElement).toBe(heading());
    click('Back');
    expect(heading().textContent).toBe('Welcome to Open Activity Stream');
    click('Get started');
    click('Not now');
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
    click('Not now');
    click('Use this theme');
    expect(heading().textContent).toBe('You’re all set');
    click('Open a new tab');
    expect(page.opened).toEqual(['options', 'newtab']);
    expect(page.reported()).toEqual([
      'shown AW_GET_STARTED',
      'secondary_button AW_GET_STARTED',
      'primary_button AW_GET_STARTED',
      'shown SITES',
      'shown AW_GET_STARTED',
      'primary_button AW_GET_STARTED',
      'shown SITES',
      'secondary_button SITES',
      'shown AW_IMPORT_SETTINGS',
      'secondary_button AW_IMPORT_SETTINGS',
      'shown AW_CHOOSE_THEME',
      'primary_button AW_CHOOSE_THEME',
    ]);
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'theme', value: 'system' }]);
  });

  it('pins the ticked sites to the first slots and unpins an unticked pinned one', () => {
    const page = renderFlow({ id: 'M', screens: [{ id: 'SITES' }] });
    act(() => {
      page.store.dispatch(
        BroadcastToContent(
          action('TOP_SITES_UPDATED', {
            rows: [
              { url: 'https://a.example/', label: 'a', hostname: 'a.example', isPinned: true },
              { url: 'https://b.example/', label: 'b', hostname: 'b.example' },
              { url: 'https://ad.example/', label: 'ad', hostname: 'ad.example', sponsored: { tileId: 1, advertiser: 'ad', impressionUrl: 'https://x/', clickUrl: 'https://y/' } },
              { url: 'https://c.example/', label: 'c', hostname: 'c.example' },
            ],
            canOpenPrivateWindow: false,
          }),
        ),
      );
    });
    expect(screen.getAllByRole('checkbox').map((c) => (c as HTMLInputElement).checked)).toEqual([true, false, false]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'a' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'b' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'c' }));
    click('Pin selected sites');
    expect(page.sent.filter((a) => a.type.startsWith('TOP_SITES_')).map((a) => [a.type, a.data])).toEqual([
      ['TOP_SITES_UNPIN', { url: 'https://a.example/' }],
      ['TOP_SITES_PIN', { site: { url: 'https://b.example/', label: 'b' }, index: 0 }],
      ['TOP_SITES_PIN', { site: { url: 'https://c.example/', label: 'c' }, index: 1 }],
    ]);
  });

  it('imports a settings file', async () => {
    const page = renderFlow({ id: 'M', screens: [{ id: 'AW_IMPORT_SETTINGS' }] });
    const text = JSON.stringify({ format: 'open-activity-stream-settings', version: 1, prefs: { showSearch: false }, pinned: [{ url: 'https://a.example/' }] });
    const input = screen.getByLabelText('Settings file');
    await act(async () => void fireEvent.change(input, { target: { files: [new File([text], 's.json', { type: 'application/json' })] } }));
    expect(await screen.findByText('Found 1 preferences and 1 shortcuts.')).toBeTruthy();
    click('Import');
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'showSearch', value: false }]);
    expect(page.sentOfType('TOP_SITES_PIN').map((a) => a.data)).toEqual([{ site: { url: 'https://a.example/' }, index: 0 }]);
  });

  it('says when a file is not a settings file', async () => {
    renderFlow({ id: 'M', screens: [{ id: 'AW_IMPORT_SETTINGS' }] });
    await act(async () => void fireEvent.change(screen.getByLabelText('Settings file'), { target: { files: [new File(['{"a":1}'], 'x.json')] } }));
    expect((await screen.findByText('This is not an Open Activity Stream settings file.')).getAttribute('role')).toBe('status');
  });

  it('previews the chosen theme, uses a message’s texts, and skips to the end', () => {
    const page = renderFlow({ id: 'M', screens: [{ id: 'AW_CHOOSE_THEME', title: 'Colours first', primary_button: { label: 'Keep it' } }, { id: 'SITES' }] });
    expect(heading().textContent).toBe('Colours first');
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    click('Keep it');
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'theme', value: 'dark' }]);
    click('Skip setup');
    expect(heading().textContent).toBe('You’re all set');
  });

  it('offers the return-to-AMO add-on first, opening its listing page', () => {
    const page = renderFlow({ id: 'RTAMO_DEFAULT_WELCOME', screens: [{ id: 'RTAMO' }, { id: 'SITES' }], addon: { id: 'a@b.org', listingUrl: 'https://amo.example/a' } });
    expect(heading().textContent).toBe('Finish adding your extension');
    expect(screen.getByText('a@b.org')).toBeTruthy();
    click('Add to Firefox');
    expect(page.opened).toEqual(['https://amo.example/a']);
    expect(heading().textContent).toBe('Pin your favourite sites');
    expect(page.reported().slice(0, 2)).toEqual(['shown RTAMO', 'primary_button RTAMO']);
  });

  it('speaks French and Arabic', () => {
    renderFlow(DEFAULT_WELCOME_FLOW, 'fr');
    expect(screen.getByRole('button', { name: 'Commencer' })).toBeTruthy();
    cleanup();
    renderFlow(DEFAULT_WELCOME_FLOW, 'ar');
    expect(screen.getByRole('button', { name: 'ابدأ' })).toBeTruthy();
  });
});
