// The saved-for-later list: stories the user kept from the card menu. It
// lives in the background (storage.local), so it survives feed refreshes.
import { OnlyToMain, action } from '../../common/actions';
import { safeLinkUrl } from '../../common/stories/sanitizeFeed';
import type { Story } from '../../common/stories/types';
import { useAppDispatch } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

export function SavedStories({ saved }: { saved: readonly Story[] }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  if (saved.length === 0) return null;
  return (
    <section className="saved-stories" aria-labelledby="saved-stories-heading">
      <h3 id="saved-stories-heading">{t('savedStoriesHeading')}</h3>
      <ul>
        {saved.map((story) => (
          <li key={story.id} data-story-id={story.id}>
            <a href={safeLinkUrl(story.url) ?? undefined}>{story.title}</a>
            {story.publisher && <span className="saved-publisher">{story.publisher}</span>}
            <button
              type="button"
              aria-label={t('savedStoriesRemove').replace('{title}', story.title)}
              onClick={() => dispatch(OnlyToMain(action('DISCOVERY_STREAM_UNSAVE_STORY', { id: story.id })))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
