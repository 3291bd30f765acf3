// One topic section of the stories (Firefox's sections): its title as a
// heading, an optional subtitle, Follow (a toggle button) and
// Block, then its cards. Blocking asks first (the caller's confirm dialog).
import { useId, type ReactNode, type Ref } from 'react';
import type { FeedSection } from '../../common/stories/types';
import { useI18n } from '../lib/i18nContext';

export interface TopicSectionProps {
  section: FeedSection;
  followed: boolean;
  onFollow(followed: boolean): void;
  onBlock(): void;
  /** The heading, which takes focus when a section next to it was blocked. */
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}

export function TopicSection({ section, followed, onFollow, onBlock, headingRef, children }: TopicSectionProps) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="topic-section" data-section-id={section.id} data-followed={followed || undefined} aria-labelledby={headingId}>
      <div className="topic-section-head">
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="topic-section-title">
          {section.title}
        </h3>
        {section.subtitle && <p className="topic-section-subtitle">{section.subtitle}</p>}
        <div className="topic-section-actions">
          <button
            type="button"
            className="topic-follow"
            aria-pressed={followed}
            aria-describedby={headingId}
            onClick={() => onFollow(!followed)}
          >
            {/* One name, its state in aria-pressed; the tick shows it. */}
            {followed && <span aria-hidden="true">✓ </span>}
            {t('topicFollow')}
          </button>
          <button type="button" className="topic-block" aria-describedby={headingId} onClick={onBlock}>
            {t('topicBlock')}
          </button>
        </div>
      </div>
      {children}
    </section>
  );
}
