// Popular topics under the grid (Firefox's Navigation component). Topics are
// the seed's fixed list, so a click reports which one and nothing else.
import { ac } from '../../common/actions';
import type { PopularTopic } from '../../common/pings/types';
import { safeLinkUrl } from '../../common/stories/sanitizeFeed';
import type { TopicLink } from '../../common/stories/types';
import { useAppDispatch } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

export const TOPIC_LABELS: Record<PopularTopic, string> = {
  'must-reads': 'topicMustReads',
  productivity: 'topicProductivity',
  health: 'topicHealth',
  finance: 'topicFinance',
  technology: 'topicTechnology',
  'more-recommendations': 'topicMoreRecommendations',
};

export function PopularTopics({ topics }: { topics: readonly TopicLink[] }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  if (topics.length === 0) return null;
  return (
    <nav className="popular-topics" aria-labelledby="popular-topics-heading">
      <h3 id="popular-topics-heading">{t('popularTopicsHeading')}</h3>
      <ul>
        {topics.map(({ topic, url }) => (
          <li key={topic}>
            <a
              href={safeLinkUrl(url) ?? undefined}
              onClick={() =>
                // Firefox sends position 0 for every topic; the topic itself says which.
                dispatch(ac.UserEvent({ event: 'CLICK', source: 'POPULAR_TOPICS', action_position: 0, value: { topic } }))
              }
            >
              {t(TOPIC_LABELS[topic])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
