// The small search box a search-shortcut tile opens: Enter searches with that
// tile's engine in this tab; Escape closes it and focus goes back to the tile.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { OnlyToMain, action } from '../../common/actions';
import { MAX_SEARCH_TEXT_LENGTH } from '../../common/search';
import { useAppDispatch } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

export interface SearchShortcutPromptProps {
  vendor: string;
  engineLabel: string;
  id: string;
  onClose(): void;
}

export function SearchShortcutPrompt({ vendor, engineLabel, id, onClose }: SearchShortcutPromptProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const label = t('searchShortcutPrompt').replace('{engine}', engineLabel);

  useEffect(() => input.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    dispatch(OnlyToMain(action('SEARCH_WITH_SHORTCUT', { vendor, text: text.trim() })));
  };

  return (
    <form
      id={id}
      className="search-shortcut-prompt"
      role="search"
      aria-label={label}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <input
        ref={input}
        type="search"
        aria-label={label}
        placeholder={label}
        value={text}
        maxLength={MAX_SEARCH_TEXT_LENGTH}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">{t('searchButton')}</button>
    </form>
  );
}
