// Return to AMO: the add-on the user was installing when they found us. The
// primary button opens its listing page (the install itself is the
// browser's); the background reports INSTALL when the browser says it is in.
import { useI18n } from '../../newtab/lib/i18nContext';
import { ScreenFrame, type ScreenProps } from './ScreenFrame';

export function RtamoScreen({ screen, headingRef, report, next, addon, openUrl }: ScreenProps) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      screen={screen}
      headingRef={headingRef}
      texts={{ title: 'rtamoTitle', subtitle: 'rtamoBody', primary: 'rtamoAdd', secondary: 'welcomeNotNow' }}
      onPrimary={() => {
        report('primary_button');
        if (addon) openUrl(addon.listingUrl);
        next();
      }}
      onSecondary={() => {
        report('secondary_button');
        next();
      }}
    >
      <p className="welcome-addon">
        {t('rtamoAddon')} <strong>{addon?.id}</strong>
      </p>
    </ScreenFrame>
  );
}
