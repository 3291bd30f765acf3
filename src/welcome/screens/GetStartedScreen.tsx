// What the add-on does, and Firefox's data-collection grant. The secondary
// button opens the settings page and stays here.
import { ScreenFrame, type ScreenProps } from './ScreenFrame';

export function GetStartedScreen({ screen, headingRef, report, next, openOptionsPage, consent }: ScreenProps) {
  return (
    <ScreenFrame
      screen={screen}
      headingRef={headingRef}
      texts={{ title: 'welcomeTitle', subtitle: 'welcomeBody', primary: 'welcomeGetStarted', secondary: 'welcomeSettings' }}
      onPrimary={() => {
        report('primary_button');
        next();
      }}
      onSecondary={() => {
        report('secondary_button');
        openOptionsPage();
      }}
    >
      {consent}
    </ScreenFrame>
  );
}
