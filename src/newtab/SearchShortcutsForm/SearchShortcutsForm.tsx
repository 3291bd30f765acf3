// Choose which search engines are shortcuts (Firefox's SearchShortcutsForm).
// Saving sends the added and removed engines to the background, then one
// SEARCH_EDIT_ADD or SEARCH_EDIT_DELETE per change with the engine's
// search_vendor and its slot: where a new one will be pinned, or where a
// removed one was.
import { useState, type FormEvent } from 'react';
import { OnlyToMain, ac, action } from '../../common/actions';
import { SEARCH_SHORTCUTS } from '../../common/topSites/catalog';
import { firstUnpinnedSlots } from '../../common/topSites/rules';
import type { TopSiteSlot } from '../../common/topSites/types';
import { useAppDispatch } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { ModalDialog } from '../ModalDialog/ModalDialog';
import './SearchShortcutsForm.css';

export interface SearchShortcutsFormProps {
  /** The grid as shown, to find current shortcuts and free slots. */
  rows: readonly TopSiteSlot[];
  onClose(): void;
}

export function SearchShortcutsForm({ rows, onClose }: SearchShortcutsFormProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const current = rows.flatMap((r) => (r?.searchVendor ? [r.searchVendor] : []));
  const [chosen, setChosen] = useState(() => new Set(current));

  const save = (e: FormEvent) => {
    e.preventDefault();
    const deleted = current.filter((v) => !chosen.has(v));
    const added = SEARCH_SHORTCUTS.map((s) => s.vendor).filter((v) => chosen.has(v) && !current.includes(v));
    if (added.length || deleted.length) {
      dispatch(OnlyToMain(action('UPDATE_PINNED_SEARCH_SHORTCUTS', { added, deleted })));
      for (const vendor of deleted) {
        const position = rows.findIndex((r) => r?.searchVendor === vendor);
        dispatch(ac.UserEvent({ event: 'SEARCH_EDIT_DELETE', source: 'TOP_SITES', action_position: position, value: { search_vendor: vendor } }));
      }
      const pinnedAfterDeletes = rows.map((r) => Boolean(r?.isPinned) && !(r?.searchVendor && deleted.includes(r.searchVendor)));
      const slots = firstUnpinnedSlots(pinnedAfterDeletes, added.length);
      added.forEach((vendor, i) => {
        dispatch(ac.UserEvent({ event: 'SEARCH_EDIT_ADD', source: 'TOP_SITES', action_position: slots[i] ?? -1, value: { search_vendor: vendor } }));
      });
    }
    onClose();
  };

  return (
    <ModalDialog title={t('searchShortcutsTitle')} onClose={onClose}>
      <form className="search-shortcuts-form" onSubmit={save}>
        <fieldset>
          <legend>{t('searchShortcutsIntro')}</legend>
          {SEARCH_SHORTCUTS.map(({ vendor, label }) => (
            <label key={vendor}>
              <input
                type="checkbox"
                name={vendor}
                checked={chosen.has(vendor)}
                onChange={(e) =>
                  setChosen((before) => {
                    const next = new Set(before);
                    if (e.target.checked) next.add(vendor);
                    else next.delete(vendor);
                    return next;
                  })
                }
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary">
            {t('save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
