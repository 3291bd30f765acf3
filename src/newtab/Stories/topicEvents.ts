// What following, unfollowing, blocking or unblocking a topic dispatches: the
// change (applied on this page at once, then kept by the background) and its
// user event, which names the section by its id only.
import { AlsoToMain, ac, action, type Action } from '../../common/actions';
import type { UserEvent, UserEventSource } from '../../common/pings/types';

export type TopicChange = 'follow' | 'unfollow' | 'block' | 'unblock';

const CHANGES = {
  follow: ['FOLLOW_SECTION', 'TOPIC_FOLLOW'],
  unfollow: ['UNFOLLOW_SECTION', 'TOPIC_UNFOLLOW'],
  block: ['BLOCK_SECTION', 'TOPIC_BLOCK'],
  unblock: ['UNBLOCK_SECTION', 'TOPIC_UNBLOCK'],
} as const satisfies Record<TopicChange, readonly [string, UserEvent]>;

/** `position`: the section's zero-based place on the page, or in the panel's list. */
export function topicEvents(change: TopicChange, section: string, source: UserEventSource, position: number): Action[] {
  const [type, event] = CHANGES[change];
  return [AlsoToMain(action(type, { section })), ac.UserEvent({ event, source, action_position: position, value: { section } })];
}
