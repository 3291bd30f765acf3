// The real permission request, for the pages' NotificationsPermission (kept
// apart so components and their tests need no extension API).
import browser from 'webextension-polyfill';

export const requestNotifications = () => browser.permissions.request({ permissions: ['notifications'] });
