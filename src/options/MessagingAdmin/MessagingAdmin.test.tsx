// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BroadcastToContent, action } from '../../common/actions';
import type { MessagingAdminState } from '../../common/messaging/types';
import { renderForTest } from '../../test-support/renderForTest';
import { MessagingAdmin } from './MessagingAdmin';

afterEach(cleanup);

const STATE: MessagingAdminState = {
  providers: [
    { id: 'local', type: 'local', enabled: true, state: 'ok', lastUpdated: Date.UTC(2026, 0, 2, 3, 4), messageCount: 2 },
    { id: 'remote-messages', type: 'remote', enabled: true, state: 'error', lastError: 'HTTP 500', messageCount: 0 },
  ],
  messages: [
    {
      id: 'SAMPLE_SNIPPET_PRIVACY', template: 'simple_snippet', provider: 'local', groups: ['snippets'], priority: 10,
      trigger: 'newtabMessageCheck', targeting: { result: true }, impressions: 3, capped: true, blocked: false, cap: '3 / 3 lifetime',
    },
    {
      id: 'SAMPLE_BROKEN_TARGETING', template: 'simple_snippet', provider: 'remote-messages', groups: [], priority: 50,
      trigger: 'newtabMessageCheck', targeting: { result: 'error', reason: 'MALFORMED_EXPRESSION: Unexpected end of expression' },
      impressions: 0, capped: false, blocked: true,
    },
    {
      id: '<img src=x onerror=alert(1)>', template: 'infobar', provider: 'local', groups: [], priority: 1,
      trigger: 'newtabMessageCheck', targeting: { result: false }, impressions: 0, capped: false, blocked: false,
    },
  ],
  groups: [{ id: 'snippets', enabled: false, impressions: 3 }],
};

function setup(locale = 'en') {
  const page = renderForTest(<MessagingAdmin />, { locale });
  const receive = (state: MessagingAdminState) =>
    act(() => void page.store.dispatch(BroadcastToContent(action('MESSAGING_ADMIN_STATE', state))));
  const commands = () => page.sent.filter((a) => a.type.startsWith('MESSAGING_ADMIN')).map((a) => ({ type: a.type, data: a.data }));
  // By dataset, not a selector: ids may hold any character (jsdom has no CSS.escape).
  const row = (id: string) => [...document.querySelectorAll<HTMLElement>('tr[data-message-id]')].find((r) => r.dataset.messageId === id)!;
  return { page, receive, commands, row };
}

describe('MessagingAdmin', () => {
  it('asks the background for the state and says it is loading until it comes', () => {
    const { commands } = setup();
    expect(commands()).toEqual([{ type: 'MESSAGING_ADMIN_REQUEST', data: undefined }]);
    const section = screen.getByRole('region', { name: 'Messages (for product teams)' });
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(within(section).getByText('Loading…')).toBeTruthy();
  });

  it('lists providers with their state and last error', () => {
    const { receive } = setup();
    receive(STATE);
    const providers = screen.getByRole('table', { name: 'Providers' });
    const rows = within(providers).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['local (local)', 'OK', '2', new Date(Date.UTC(2026, 0, 2, 3, 4)).toLocaleString('en'), '–'],
      ['remote-messages (remote)', 'Error', '0', '–', 'HTTP 500'],
    ]);
  });

  it('shows every message with its targeting result and why, impressions, cap and blocked state', () => {
    const { receive, row } = setup();
    receive(STATE);
    expect(within(screen.getByRole('table', { name: 'Messages' })).getAllByRole('row')).toHaveLength(4);
    const snippet = row('SAMPLE_SNIPPET_PRIVACY');
    expect(snippet.textContent).toContain('simple_snippet · local · priority 10 · newtabMessageCheck · snippets');
    expect(within(snippet).getByText('Matches')).toBeTruthy();
    expect(within(snippet).getByText('3 / 3 lifetime')).toBeTruthy();
    expect(within(snippet).getByText('Cap reached')).toBeTruthy();
    const broken = row('SAMPLE_BROKEN_TARGETING');
    expect(within(broken).getByText('Error: MALFORMED_EXPRESSION: Unexpected end of expression')).toBeTruthy();
    expect(within(broken).getByText('Yes')).toBeTruthy();
    // An id that looks like markup is text.
    expect(within(row('<img src=x onerror=alert(1)>')).getByText('Does not match')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(within(screen.getByRole('table', { name: 'Groups' })).getByText('Off (pref)')).toBeTruthy();
  });

  it('shows a message now, unblocks only a blocked one, resets impressions and reloads providers', () => {
    const { receive, commands, row } = setup();
    receive(STATE);
    fireEvent.click(within(row('SAMPLE_SNIPPET_PRIVACY')).getByRole('button', { name: 'Show now' }));
    expect(screen.getByRole('status').textContent).toBe('Sent to the open new tabs.');
    expect((within(row('SAMPLE_SNIPPET_PRIVACY')).getByRole('button', { name: 'Unblock' }) as HTMLButtonElement).disabled).toBe(true);
    const unblock = within(row('SAMPLE_BROKEN_TARGETING')).getByRole('button', { name: 'Unblock' });
    expect(unblock.getAttribute('aria-describedby')).toBe(row('SAMPLE_BROKEN_TARGETING').querySelector('th')!.id);
    fireEvent.click(unblock);
    fireEvent.click(screen.getByRole('button', { name: 'Reset impressions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reload providers' }));
    expect(commands().slice(1)).toEqual([
      { type: 'MESSAGING_ADMIN_SHOW', data: { id: 'SAMPLE_SNIPPET_PRIVACY' } },
      { type: 'MESSAGING_ADMIN_UNBLOCK', data: { id: 'SAMPLE_BROKEN_TARGETING' } },
      { type: 'MESSAGING_ADMIN_RESET_IMPRESSIONS', data: undefined },
      { type: 'MESSAGING_ADMIN_RELOAD', data: undefined },
    ]);
  });

  it('shows the fresh state the background answers with', () => {
    const { receive, row } = setup();
    receive(STATE);
    receive({ ...STATE, messages: STATE.messages.map((m) => ({ ...m, blocked: false, impressions: 0, capped: false })) });
    expect(within(row('SAMPLE_BROKEN_TARGETING')).getByText('No')).toBeTruthy();
    expect(row('SAMPLE_SNIPPET_PRIVACY').dataset.capped).toBe('false');
  });

  it('is translated into French and Arabic', () => {
    const { receive } = setup('fr');
    receive(STATE);
    expect(screen.getByRole('button', { name: 'Recharger les fournisseurs' })).toBeTruthy();
    cleanup();
    setup('ar').receive(STATE);
    expect(screen.getByRole('table', { name: 'المزوّدون' })).toBeTruthy();
  });
});
