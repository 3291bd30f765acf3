// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastToContent, action } from '../../common/actions';
import type { MessageButton, SurfaceMessage } from '../../common/messaging/types';
import { FakeIntersectionObserver as FakeObserver } from '../../test-support/FakeIntersectionObserver';
import { renderForTest } from '../../test-support/renderForTest';
import { MessageSurfaces } from './MessageSurfaces';

afterEach(cleanup);

const OPEN: MessageButton = { label: 'Learn more', action: { type: 'OPEN_URL', data: { url: 'https://example.com/' } } };
const LATER: MessageButton = { label: 'Not now', action: { type: 'DISMISS' } };
const HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';

const SNIPPET: SurfaceMessage = {
  id: 'SNIPPET_1',
  template: 'simple_snippet',
  content: { text: 'Try our new tab.', icon: 'https://cdn.example/icon.png', icon_alt_text: 'Fox', button: OPEN },
};
const INFOBAR: SurfaceMessage = { id: 'INFOBAR_1', template: 'infobar', content: { text: 'Make us your home page?', primary: OPEN, secondary: LATER } };
const SPOTLIGHT: SurfaceMessage = {
  id: 'SPOTLIGHT_1',
  template: 'spotlight',
  content: { title: 'Welcome back', body: 'Here is what is new.', primary: OPEN, secondary: LATER },
};

function setup(message: SurfaceMessage | null, { locale = 'en', snippets = true } = {}) {
  FakeObserver.all = [];
  const doc = { visibilityState: 'visible' as DocumentVisibilityState, addEventListener: vi.fn(), removeEventListener: vi.fn() };
  const page = renderForTest(
    <>
      <MessageSurfaces placement="top" document={doc} IntersectionObserver={FakeObserver.asGlobal} />
      <main>content</main>
      <MessageSurfaces placement="footer" document={doc} IntersectionObserver={FakeObserver.asGlobal} />
    </>,
    { locale, prefs: { 'feeds.snippets': snippets } },
  );
  const show = (m: SurfaceMessage | null) => act(() => void page.store.dispatch(BroadcastToContent(action('MESSAGING_SHOW', { message: m }))));
  show(message);
  const toBackground = () => page.sent.filter((a) => a.type.startsWith('MESSAGING_')).map((a) => ({ type: a.type, data: a.data }));
  const observing = (el: Element) => FakeObserver.all.filter((o) => o.observed.has(el)).at(-1);
  return { page, doc, show, toBackground, observing };
}

describe('snippet (footer bar)', () => {
  it('shows text, icon and button after the page content, labelled', () => {
    const { page } = setup(SNIPPET);
    const bar = screen.getByRole('complementary', { name: 'Message' });
    expect(within(bar).getByText('Try our new tab.')).toBeTruthy();
    expect(within(bar).getByRole('img', { name: 'Fox' }).getAttribute('src')).toBe('https://cdn.example/icon.png');
    expect(within(bar).getByRole('button', { name: 'Learn more' })).toBeTruthy();
    expect(within(bar).getByRole('button', { name: 'Don’t show this message again' })).toBeTruthy();
    // After the content: the footer comes last in reading order.
    expect(page.container.lastElementChild).toBe(bar);
  });

  it('reports one impression once half of it is seen while the page is visible', () => {
    const { doc, toBackground, observing } = setup(SNIPPET);
    const bar = screen.getByRole('complementary');
    expect(observing(bar)!.options.threshold).toBe(0.5);
    observing(bar)!.fire([[bar, 0.49]]);
    doc.visibilityState = 'hidden';
    observing(bar)!.fire([[bar, 1]]);
    expect(toBackground()).toEqual([]);
    doc.visibilityState = 'visible';
    observing(bar)!.fire([[bar, 0.5]]);
    expect(toBackground()).toEqual([{ type: 'MESSAGING_IMPRESSION', data: { id: 'SNIPPET_1' } }]);
    expect(observing(bar)).toBeUndefined();
  });

  it('sends its button to the background and goes away', () => {
    const { toBackground } = setup(SNIPPET);
    fireEvent.click(screen.getByRole('button', { name: 'Learn more' }));
    expect(toBackground()).toEqual([{ type: 'MESSAGING_BUTTON', data: { id: 'SNIPPET_1', button: 'button' } }]);
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('blocks the message for good from its dismiss button', () => {
    const { toBackground, page } = setup(SNIPPET);
    fireEvent.click(screen.getByRole('button', { name: 'Don’t show this message again' }));
    expect(toBackground()).toEqual([{ type: 'MESSAGING_BLOCK', data: { id: 'SNIPPET_1' } }]);
    expect(page.store.getState().Messaging.message).toBeNull();
  });

  it('is not shown while the Snippets switch is off', () => {
    setup(SNIPPET, { snippets: false });
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('loads an icon only over https', () => {
    for (const icon of ['javascript:alert(1)', 'http://cdn.example/i.png', 'data:image/png;base64,AA']) {
      cleanup();
      setup({ ...SNIPPET, content: { ...SNIPPET.content, icon } } as SurfaceMessage);
      expect(document.querySelector('img')).toBeNull();
    }
  });
});

describe('infobar', () => {
  it('shows across the top with both buttons and a close button, and counts as seen when shown', () => {
    const { page, toBackground, observing } = setup(INFOBAR);
    const bar = screen.getByRole('region', { name: 'Notification' });
    expect(page.container.firstElementChild).toBe(bar);
    expect(within(bar).getByText('Make us your home page?')).toBeTruthy();
    observing(bar)!.fire([[bar, 1]]);
    expect(toBackground()).toEqual([{ type: 'MESSAGING_IMPRESSION', data: { id: 'INFOBAR_1' } }]);
  });

  it.each([
    ['Learn more', { type: 'MESSAGING_BUTTON', data: { id: 'INFOBAR_1', button: 'primary' } }],
    ['Not now', { type: 'MESSAGING_BUTTON', data: { id: 'INFOBAR_1', button: 'secondary' } }],
    ['Close', { type: 'MESSAGING_DISMISS', data: { id: 'INFOBAR_1' } }],
  ])('%s tells the background and closes the bar', (name, sent) => {
    const { toBackground } = setup(INFOBAR);
    fireEvent.click(screen.getByRole('button', { name }));
    expect(toBackground()).toEqual([sent]);
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('spotlight', () => {
  it('is a modal dialog labelled by its title and described by its body, focus on the primary button', () => {
    setup(SPOTLIGHT);
    const dialog = screen.getByRole('dialog', { name: 'Welcome back' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe('Here is what is new.');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Learn more' }));
  });

  it('keeps focus inside on Tab and Shift+Tab', () => {
    setup(SPOTLIGHT);
    const dialog = screen.getByRole('dialog');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    const later = within(dialog).getByRole('button', { name: 'Not now' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(later);
    fireEvent.keyDown(later, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(close);
  });

  it('Escape dismisses it', () => {
    const { toBackground } = setup(SPOTLIGHT);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(toBackground()).toEqual([{ type: 'MESSAGING_DISMISS', data: { id: 'SPOTLIGHT_1' } }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('reports its impression and its click', () => {
    const { toBackground, observing } = setup(SPOTLIGHT);
    const body = document.querySelector('.spotlight-body')!;
    observing(body)!.fire([[body, 1]]);
    fireEvent.click(screen.getByRole('button', { name: 'Learn more' }));
    expect(toBackground()).toEqual([
      { type: 'MESSAGING_IMPRESSION', data: { id: 'SPOTLIGHT_1' } },
      { type: 'MESSAGING_BUTTON', data: { id: 'SPOTLIGHT_1', button: 'primary' } },
    ]);
  });
});

describe('every surface', () => {
  it.each([
    { ...SNIPPET, content: { text: HOSTILE, button: { ...OPEN, label: HOSTILE } } },
    { ...INFOBAR, content: { text: HOSTILE, primary: { ...OPEN, label: HOSTILE } } },
    { ...SPOTLIGHT, content: { title: HOSTILE, body: HOSTILE, primary: { ...OPEN, label: HOSTILE } } },
  ] as SurfaceMessage[])('renders $template text as text, never as HTML', (message) => {
    setup(message);
    expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(2);
    expect(document.querySelector('script, img')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('shows nothing without a message, and the next message replaces the last', () => {
    const { show } = setup(null);
    expect(document.querySelector('[data-message-id]')).toBeNull();
    show(INFOBAR);
    show(SNIPPET);
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.getByRole('complementary')).toBeTruthy();
  });

  it('is labelled in French and Arabic', () => {
    setup(INFOBAR, { locale: 'fr' });
    expect(screen.getByRole('region', { name: 'Notification' })).toBeTruthy();
    cleanup();
    setup(SNIPPET, { locale: 'ar' });
    expect(screen.getByRole('button', { name: 'لا تعرض هذه الرسالة مرة أخرى' })).toBeTruthy();
  });
});
