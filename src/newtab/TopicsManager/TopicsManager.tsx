// The personalize panel's "Topics" (when the feed has sections or the user
// chose some): followed and blocked topics, each with
// Unfollow or Unblock (Firefox's "Manage topics"). A topic is named by the
// shown feed's section title, or by its id when the feed has it no longer.
// Focus stays in the list after a removal: on the next row's button, else on
// the list's heading.
import { useEffect, useId, useRef } from 'react';
import type { FeedSection } from '../../common/stories/types';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { topicEvents, type TopicChange } from '../Stories/topicEvents';
import './TopicsManager.css';

export function TopicsManager() {
  const { t } = useI18n();
  const topics = useAppSelector((s) => s.Topics);
  const sections = useAppSelector((s) => s.DiscoveryStream.sections);
  const bySection = useAppSelector((s) => s.Prefs.values['discoverystream.sections.enabled']);
  // Nothing to manage while no sections show and the user chose none; chosen topics stay listed to undo.
  if (!(bySection && sections.length > 0) && topics.followed.length === 0 && topics.blocked.length === 0) return null;
  return (
    <section className="topics-manager" aria-labelledby="topics-manager-title">
      <h3 id="topics-manager-title">{t('topicsManageTitle')}</h3>
      <TopicList
        heading={t('topicsFollowed')}
        empty={t('topicsFollowedEmpty')}
        ids={topics.followed}
        sections={sections}
        change="unfollow"
        buttonLabel={t('topicUnfollow')}
      />
      <TopicList
        heading={t('topicsBlocked')}
        empty={t('topicsBlockedEmpty')}
        ids={topics.blocked}
        sections={sections}
        change="unblock"
        buttonLabel={t('topicUnblock')}
      />
    </section>
  );
}

interface TopicListProps {
  heading: string;
  empty: string;
  ids: string[];
  sections: FeedSection[];
  change: TopicChange;
  buttonLabel: string;
}

function TopicList({ heading, empty, ids, sections, change, buttonLabel }: TopicListProps) {
  const dispatch = useAppDispatch();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusIndex = useRef<number | null>(null);
  const title = (id: string) => sections.find((s) => s.id === id)?.title ?? id;

  useEffect(() => {
    if (focusIndex.current === null) return;
    const buttons = list.current?.querySelectorAll('button') ?? [];
    (buttons[Math.min(focusIndex.current, buttons.length - 1)] ?? headingRef.current)?.focus();
    focusIndex.current = null;
  }, [ids]);

  const remove = (id: string, index: number) => {
    focusIndex.current = index;
    for (const a of topicEvents(change, id, 'TOPICS_PANEL', index)) dispatch(a);
  };

  return (
    <div className={`topics-list topics-${change}`}>
      <h4 id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </h4>
      {ids.length === 0 ? (
        <p className="topics-empty">{empty}</p>
      ) : (
        <ul ref={list} aria-labelledby={headingId}>
          {ids.map((id, index) => (
            <li key={id} data-section-id={id}>
              <span className="topics-name">{title(id)}</span>
              <button type="button" aria-label={`${buttonLabel}: ${title(id)}`} onClick={() => remove(id, index)}>
                {buttonLabel}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
