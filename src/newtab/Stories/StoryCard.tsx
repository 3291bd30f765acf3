// One story card: image, title, excerpt and publisher (a spoc shows its
// sponsor instead), a link that opens the story in this tab, and the card
// menu. Feed text is rendered as text only, and the link is re-checked to be
// http(s) here too (Firefox's SafeAnchor).
import { useId, type MouseEvent, type Ref } from 'react';
import { safeLinkUrl } from '../../common/stories/sanitizeFeed';
import type { Card } from '../../common/stories/types';
import { useI18n } from '../lib/i18nContext';
import { LinkMenu, type LinkMenuItem } from '../LinkMenu/LinkMenu';
import type { StoryEventName } from './storyEvents';

export interface StoryCardProps {
  card: Card;
  saved: boolean;
  canOpenPrivateWindow: boolean;
  /** The card's root element, for impression tracking. */
  elementRef: Ref<HTMLElement>;
  onEvent(name: StoryEventName, card: Card): void;
  onShowPrivacyInfo(card: Card): void;
  /** Opens the report form for this card; without it the menu has no "Report". */
  onReport?(card: Card): void;
  /** The user gave this (organic) story a thumbs up. */
  liked?: boolean;
}

export function StoryCard({ card, saved, canOpenPrivateWindow, elementRef, onEvent, onShowPrivacyInfo, onReport, liked = false }: StoryCardProps) {
  const { t } = useI18n();
  const titleId = useId();
  const { story } = card;
  const href = safeLinkUrl(story.url) ?? undefined;

  // Left and middle clicks both follow the link; either one is a CLICK.
  const onOpen = (e: MouseEvent) => {
    if (e.button === 0 || e.button === 1) onEvent('open', card);
  };

  const item = (id: StoryEventName, label: string, onSelect = () => onEvent(id, card)): LinkMenuItem => ({ id, label, onSelect });
  const menu: LinkMenuItem[] = [
    saved ? item('unsave', t('storyMenuUnsave')) : item('save', t('storyMenuSave')),
    item('openNewWindow', t('menuOpenNewWindow')),
    ...(canOpenPrivateWindow ? [item('openPrivateWindow', t('menuOpenPrivateWindow'))] : []),
    item('bookmark', t('menuBookmark')),
    item('block', t('storyMenuBlock')),
    ...(card.type === 'spoc' ? [item('showPrivacyInfo', t('storyMenuPrivacy'), () => onShowPrivacyInfo(card))] : []),
    ...(onReport ? [{ id: 'report', label: t(card.type === 'spoc' ? 'storyMenuReportAd' : 'storyMenuReport'), onSelect: () => onReport(card) }] : []),
  ];

  return (
    <li className="story-card" data-story-id={story.id} data-card-type={card.type} ref={elementRef as Ref<HTMLLIElement>}>
      <a className="story-link" href={href} onClick={onOpen} onAuxClick={onOpen}>
        <span className="story-image">
          {story.image && <img src={story.image} alt="" loading="lazy" decoding="async" referrerPolicy="no-referrer" />}
        </span>
        <span className="story-text">
          <span id={titleId} className="story-title">
            {story.title}
          </span>
          {story.excerpt && <span className="story-excerpt">{story.excerpt}</span>}
        </span>
      </a>
      <div className="story-footer">
        {card.type === 'spoc' ? (
          <span className="story-sponsor">{t('storySponsoredBy').replace('{sponsor}', card.story.sponsor)}</span>
        ) : (
          <span className="story-publisher">{story.publisher}</span>
        )}
        {card.type === 'organic' && <StoryFeedback card={card} liked={liked} titleId={titleId} onEvent={onEvent} />}
        <LinkMenu label={t('cardMenuLabel')} describedBy={titleId} items={menu} />
      </div>
    </li>
  );
}

/** Thumbs up and down (Firefox's story feedback), named with the story's title. */
function StoryFeedback({ card, liked, titleId, onEvent }: { card: Card; liked: boolean; titleId: string; onEvent: StoryCardProps['onEvent'] }) {
  const { t } = useI18n();
  return (
    <span className="story-feedback">
      <button
        type="button"
        className="story-thumb story-thumbs-up"
        aria-label={t('storyThumbsUp')}
        aria-describedby={titleId}
        aria-pressed={liked}
        onClick={() => !liked && onEvent('thumbsUp', card)}
      >
        <span aria-hidden="true">👍</span>
      </button>
      <button
        type="button"
        className="story-thumb story-thumbs-down"
        aria-label={t('storyThumbsDown')}
        aria-describedby={titleId}
        onClick={() => onEvent('thumbsDown', card)}
      >
        <span aria-hidden="true">👎</span>
      </button>
    </span>
  );
}
