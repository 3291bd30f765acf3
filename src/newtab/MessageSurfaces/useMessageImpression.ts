// A message counts as seen once at least half of its surface is on screen while
// the page is visible (the rule of every other impression on the page), once per
// showing: the background records it and sends the IMPRESSION ping.
import { useEffect, useRef, type RefObject } from 'react';
import { VisibleImpressions, type VisibilityDocument } from '../lib/VisibleImpressions';

/** What a surface measures visibility with; tests pass fakes. */
export interface SurfaceEnvironment {
  document: VisibilityDocument;
  IntersectionObserver: typeof IntersectionObserver;
}

export function useMessageImpression(
  surface: RefObject<Element | null>,
  messageId: string,
  onSeen: (id: string) => void,
  { document, IntersectionObserver }: SurfaceEnvironment,
): void {
  // The latest callback, without observing again when only it changed.
  const report = useRef(onSeen);
  useEffect(() => {
    report.current = onSeen;
  }, [onSeen]);
  useEffect(() => {
    const element = surface.current;
    if (!element) return;
    const impressions = new VisibleImpressions<string>({
      document,
      IntersectionObserver,
      key: (id) => id,
      fingerprint: (id) => id,
      onSeen: (ids) => ids.forEach((id) => report.current(id)),
    });
    impressions.setItems(new Map([[element, messageId]]));
    impressions.start();
    return () => impressions.stop();
  }, [surface, messageId, document, IntersectionObserver]);
}
