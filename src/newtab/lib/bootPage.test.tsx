// @vitest-environment jsdom
import { afterEach, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getUILanguage: () => 'en-US' },
    runtime: {
      connect: () => ({ postMessage() {}, onMessage: { addListener() {} }, onDisconnect: { addListener() {} } }),
    },
  },
}));

const { bootPage } = await import('./bootPage');

afterEach(() => {
  vi.useRealTimers();
});

it('renders the page in the task that opens the port, so always before the background can answer', () => {
  vi.useFakeTimers();
  document.body.innerHTML = '<div id="root"></div>';
  bootPage('about:preferences', () => <p id="frame">frame</p>);
  // No await, no timer: an answer from the background (a message, so a later task) cannot have come yet.
  expect(document.getElementById('frame')?.textContent).toBe('frame');
});
