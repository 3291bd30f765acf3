// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderForTest } from '../../test-support/renderForTest';
import { BatchDelaySelect, RowsSelect } from './NumberPrefSelect';

const optionsOf = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => o.textContent);

describe('NumberPrefSelect', () => {
  afterEach(cleanup);

  it('shows a value set elsewhere among the choices, in order, and selected', () => {
    renderForTest(<BatchDelaySelect />, { prefs: { 'telemetry.batchSeconds': 2 } });
    const select = screen.getByRole('combobox', { name: 'Longest wait before sending collected data' });
    expect((select as HTMLSelectElement).value).toBe('2');
    expect(optionsOf(select)).toEqual(['1 s', '2 s', '5 s', '30 s', '60 s', '300 s']);
  });

  it('labels bare numbers without a choice label and sends the number, not a string', () => {
    const page = renderForTest(<RowsSelect className="rows" />, { prefs: { topSitesRows: 2 } });
    const select = screen.getByRole('combobox', { name: 'Rows of shortcuts' });
    expect(optionsOf(select)).toEqual(['1', '2', '3', '4']);
    fireEvent.change(select, { target: { value: '4' } });
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'topSitesRows', value: 4 }]);
  });
});
