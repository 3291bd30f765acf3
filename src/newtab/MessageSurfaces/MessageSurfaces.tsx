// Shows the message the background chose for this page on its surface: the
// infobar and the spotlight at the top of the page, the snippet in the footer.
// Pages only say what happened (seen, which button, dismissed, blocked); the
// background runs the message's own button actions and sends every ping.
// After a button, a dismissal or a block the surface goes away on this page.
import { ac, type Action } from '../../common/actions';
import type { ButtonId, SurfaceMessage } from '../../common/messaging/types';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { InfoBar } from '../InfoBar/InfoBar';
import { Snippet } from '../Snippets/Snippets';
import { Spotlight } from '../Spotlight/Spotlight';
import type { SurfaceEnvironment } from './useMessageImpression';

export type SurfacePlacement = 'top' | 'footer';

const PLACEMENT: Record<SurfaceMessage['template'], SurfacePlacement> = {
  infobar: 'top',
  spotlight: 'top',
  simple_snippet: 'footer',
};

export interface MessageSurfacesProps {
  placement: SurfacePlacement;
  document?: SurfaceEnvironment['document'];
  IntersectionObserver?: typeof IntersectionObserver;
}

export function MessageSurfaces({
  placement,
  document: doc = globalThis.document,
  IntersectionObserver: Observer = globalThis.IntersectionObserver,
}: MessageSurfacesProps) {
  const dispatch = useAppDispatch();
  const message = useAppSelector((s) => s.Messaging.message);
  const snippetsOn = useAppSelector((s) => s.Prefs.values['feeds.snippets']);
  if (!message || PLACEMENT[message.template] !== placement) return null;

  const thenClose = (a: Action) => {
    dispatch(a);
    dispatch(ac.MessagingDismissLocal());
  };
  const common = {
    id: message.id,
    environment: { document: doc, IntersectionObserver: Observer },
    onImpression: (id: string) => dispatch(ac.MessagingImpression(id)),
    onButton: (id: string, button: ButtonId) => thenClose(ac.MessagingButton(id, button)),
    onDismiss: (id: string) => thenClose(ac.MessagingDismiss(id)),
  };
  switch (message.template) {
    case 'simple_snippet':
      return snippetsOn ? <Snippet {...common} content={message.content} onBlock={(id) => thenClose(ac.MessagingBlock(id))} /> : null;
    case 'infobar':
      return <InfoBar {...common} content={message.content} />;
    case 'spotlight':
      return <Spotlight {...common} content={message.content} />;
  }
}
