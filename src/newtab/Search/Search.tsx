// The search box. Normally a real text box: Enter or the button sends SEARCH
// (the user event) and SEARCH_QUERY (the text, to the background only), and
// the background runs the browser's default engine in this tab, which ends the
// page session as the tab navigates. The search text never goes into a ping.
//
// With 'improvesearch.handoffToAwesomebar' it becomes Firefox's handoff box: a
// button styled as a text box. Firefox moves focus and the typed text into the
// real address bar; a WebExtension cannot focus the address bar or write into
// it, so the box collects what is typed (or takes what is pasted or dropped)
// and hands it to the background, which does what the address bar would:
// open a web address, or search the default engine, in this tab.
import { useEffect, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { OnlyToMain, ac, action } from '../../common/actions';
import { MAX_SEARCH_TEXT_LENGTH } from '../../common/search';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import './Search.css';

export function Search({ doc = document }: { doc?: Document }) {
  const handoff = useAppSelector((s) => s.Prefs.values['improvesearch.handoffToAwesomebar']);
  return handoff ? <SearchHandoff doc={doc} /> : <SearchBox />;
}

function SearchBox() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const [text, setText] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = text.trim();
    if (!query) return;
    // The event first: the search navigates this tab away.
    dispatch(ac.UserEvent({ event: 'SEARCH' }));
    dispatch(OnlyToMain(action('SEARCH_QUERY', { text: query })));
  };

  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor="newtab-search-text" className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        id="newtab-search-text"
        className="search-input"
        type="search"
        name="q"
        autoComplete="off"
        maxLength={MAX_SEARCH_TEXT_LENGTH}
        placeholder={t('searchLabel')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="search-button">
        {t('searchButton')}
      </button>
    </form>
  );
}

function SearchHandoff({ doc }: { doc: Document }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const [typed, setTyped] = useState('');
  const box = useRef<HTMLButtonElement>(null);

  const handOff = (text: string) => {
    const query = text.trim().slice(0, MAX_SEARCH_TEXT_LENGTH);
    if (!query) return;
    dispatch(ac.UserEvent({ event: 'SEARCH_HANDOFF' }));
    dispatch(OnlyToMain(action('HANDOFF_SEARCH_TO_AWESOMEBAR', { text: query })));
    setTyped('');
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      handOff(typed);
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      setTyped((s) => s.slice(0, -1));
    } else if (e.key === 'Escape') {
      setTyped('');
    } else if ([...e.key].length === 1) {
      // A printable character (Space included, which would otherwise press the button).
      e.preventDefault();
      setTyped((s) => (s + e.key).slice(0, MAX_SEARCH_TEXT_LENGTH));
    }
  };

  // Firefox sends a paste over a focused button to the document, not to the
  // button, so the box listens there while it has the focus.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (doc.activeElement !== box.current) return;
      e.preventDefault();
      handOff(typed + (e.clipboardData?.getData('text/plain') ?? ''));
    };
    doc.addEventListener('paste', onPaste);
    return () => doc.removeEventListener('paste', onPaste);
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    handOff(typed + e.dataTransfer.getData('text/plain'));
  };

  return (
    <>
      <button
        type="button"
        className="search search-handoff"
        aria-label={t('searchLabel')}
        aria-describedby="search-handoff-text search-handoff-hint"
        ref={box}
        onKeyDown={onKeyDown}
        onDrop={onDrop}
        onDragOver={(e) => e.preventDefault()}
      >
        <span id="search-handoff-text" className={typed ? 'search-handoff-typed' : 'search-handoff-placeholder'}>
          {typed || t('searchPlaceholder')}
        </span>
        <span className="search-handoff-caret" aria-hidden="true" />
      </button>
      <span id="search-handoff-hint" className="visually-hidden">
        {t('searchHandoffHint')}
      </span>
    </>
  );
}
