// The card menus ("More options" on tiles, highlights and stories), driven as
// a person does: by mouse, or by keyboard with focus, Enter and the arrow keys.
import { expect, type Locator } from '@playwright/test';

const menuButton = (card: Locator) => card.getByRole('button', { name: 'More options' });

/** Opens `card`'s menu with a click and picks `item`. */
export async function chooseFromMenu(card: Locator, item: string): Promise<void> {
  await menuButton(card).click();
  await card.page().getByRole('menuitem', { name: item, exact: true }).click();
}

/** Opens `card`'s menu from the keyboard, moves to `item` with ArrowDown and picks it with Enter. */
export async function chooseFromMenuByKeyboard(card: Locator, item: string): Promise<void> {
  const page = card.page();
  // A window opened by an earlier menu item takes the focus; keys go to the focused window.
  await page.bringToFront();
  await menuButton(card).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const target = menu.getByRole('menuitem', { name: item, exact: true });
  for (let i = 0; i < 8 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
}

/** The labels of `card`'s menu items; the menu is closed again with Escape. */
export async function menuItems(card: Locator): Promise<string[]> {
  await menuButton(card).click();
  const items = await card.page().getByRole('menuitem').allTextContents();
  await card.page().keyboard.press('Escape');
  return items;
}
