// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkMenu } from './LinkMenu';

afterEach(cleanup);

function renderMenu() {
  const chosen = vi.fn();
  render(
    <>
      <LinkMenu
        label="More options"
        items={['One', 'Two', 'Three'].map((label) => ({ id: label, label, onSelect: () => chosen(label) }))}
      />
      <p>outside</p>
    </>,
  );
  return { chosen, button: screen.getByRole('button', { name: 'More options' }) };
}

describe('LinkMenu', () => {
  it('opens on click with focus on the first item and says it is expanded', () => {
    const { button } = renderMenu();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'One' }));
  });

  it('walks with the arrow keys, Home and End, wrapping around', () => {
    const { button } = renderMenu();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = screen.getByRole('menu');
    const name = () => document.activeElement?.textContent;
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(name()).toBe('Two');
    fireEvent.keyDown(menu, { key: 'End' });
    expect(name()).toBe('Three');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(name()).toBe('One');
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(name()).toBe('Three');
    fireEvent.keyDown(menu, { key: 'Home' });
    expect(name()).toBe('One');
  });

  it('runs the chosen item, closes, and gives focus back to the button', () => {
    const { button, chosen } = renderMenu();
    fireEvent.click(button);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Two' }));
    expect(chosen).toHaveBeenCalledWith('Two');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes with Escape (focus back) and with a click outside', () => {
    const { button } = renderMenu();
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    fireEvent.mouseDown(screen.getByText('outside'));
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
