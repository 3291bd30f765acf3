// The Wallpapers section of the personalize panel and the settings page: a
// "Show wallpaper" switch (off hides the wallpaper and keeps the choice), and
// one radio group (native radios: arrow keys move and choose) of no
// wallpaper, the built-in ones by category, a custom colour and the user's
// own image, with the upload. Events: WALLPAPER_SELECT with the id only
// ('custom-color', never the colour), WALLPAPER_UPLOAD with nothing of the
// image, PREF_CHANGED from WALLPAPERS for the switch.
import { useEffect, useId, useRef, useState, type ChangeEvent, type CSSProperties } from 'react';
import { ac, type Action } from '../../common/actions';
import type { PrefMenuSource } from '../../common/pings/types';
import {
  BUILT_IN_WALLPAPERS,
  CUSTOM_COLOR,
  CUSTOM_IMAGE,
  WALLPAPER_CATEGORIES,
  wallpaperLabelKey,
  type WallpaperCategory,
  type WallpaperVariant,
} from '../../common/wallpapers/catalog';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { UPLOAD_TYPES, UploadRejected, prepareUpload, type UploadError } from './customImage';
import { useCustomImage } from './WallpaperContext';
import './Wallpapers.css';

const CATEGORY_LABELS: Record<WallpaperCategory, string> = {
  solid: 'wallpaperCategorySolid',
  abstract: 'wallpaperCategoryAbstract',
};

const UPLOAD_ERRORS: Record<UploadError, string> = {
  type: 'wallpaperUploadType',
  size: 'wallpaperUploadSize',
  read: 'wallpaperUploadRead',
};

const swatchStyle = (v: WallpaperVariant): CSSProperties => ({
  backgroundColor: v.color,
  backgroundImage: v.image ? `url("${v.image}")` : undefined,
});

export interface WallpaperPickerProps {
  menuSource: PrefMenuSource;
  /** Decodes and re-encodes an upload; the page's canvas by default. */
  prepare?: typeof prepareUpload;
}

export function WallpaperPicker({ menuSource, prepare = prepareUpload }: WallpaperPickerProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const { image, save } = useCustomImage();
  const [uploadState, setUploadState] = useState<'idle' | 'busy' | UploadError>('idle');
  const headingId = useId();
  const colorInput = useRef<HTMLInputElement>(null);
  const current = prefs['newtabWallpapers.wallpaper'];
  const show = prefs['newtabWallpapers.show'];

  const send = (actions: Action[]) => actions.forEach((a) => dispatch(a));
  const select = (id: string, extra: Action[] = []) =>
    send([
      ...extra,
      ac.SetPref('newtabWallpapers.wallpaper', id),
      ac.UserEvent({ event: 'WALLPAPER_SELECT', source: 'WALLPAPERS', value: { selected_wallpaper: id || 'none', had_previous_wallpaper: current !== '' } }),
    ]);

  // The colour is chosen when the picker closes ('change'), not at every step of a drag ('input', React's onChange).
  const latest = useRef(select);
  useEffect(() => {
    latest.current = select;
  });
  const color = prefs['newtabWallpapers.customColor'];
  useEffect(() => {
    if (colorInput.current) colorInput.current.value = color;
  }, [color]);
  useEffect(() => {
    const input = colorInput.current;
    if (!input) return;
    const onChange = () => {
      if (/^#[0-9a-f]{6}$/.test(input.value)) latest.current(CUSTOM_COLOR, [ac.SetPref('newtabWallpapers.customColor', input.value)]);
    };
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, []);

  const onUpload = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    setUploadState('busy');
    try {
      await save(await prepare(file));
      send([
        ac.SetPref('newtabWallpapers.wallpaper', CUSTOM_IMAGE),
        ac.UserEvent({ event: 'WALLPAPER_UPLOAD', source: 'WALLPAPERS', value: { had_previous_wallpaper: current !== '' } }),
      ]);
      setUploadState('idle');
    } catch (error) {
      setUploadState(error instanceof UploadRejected ? error.reason : 'read');
    } finally {
      input.value = '';
    }
  };

  const radio = (id: string, label: string, swatch?: CSSProperties) => (
    <label key={id} className="wallpaper-option">
      <input
        type="radio"
        className="visually-hidden"
        name="newtabWallpapers.wallpaper"
        value={id}
        checked={current === id}
        onChange={() => select(id)}
      />
      <span className={swatch ? 'wallpaper-swatch' : 'wallpaper-swatch wallpaper-swatch-none'} style={swatch} aria-hidden="true" />
      <span className="wallpaper-name">{label}</span>
    </label>
  );

  return (
    <section className="wallpapers" aria-labelledby={headingId}>
      <h3 id={headingId} className="wallpapers-heading">
        {t('wallpapersHeading')}
      </h3>
      <label className="switch-row">
        <input
          type="checkbox"
          role="switch"
          name="newtabWallpapers.show"
          checked={show}
          onChange={(e) =>
            send([
              ac.SetPref('newtabWallpapers.show', e.target.checked),
              ac.UserEvent({ event: 'PREF_CHANGED', source: 'WALLPAPERS', value: { status: e.target.checked, menu_source: menuSource } }),
            ])
          }
        />
        <span>{t('prefShowWallpaper')}</span>
      </label>
      <fieldset className="wallpaper-choices" disabled={!show}>
        <legend className="visually-hidden">{t('wallpapersHeading')}</legend>
        <div className="wallpaper-grid">{radio('', t('wallpaperNone'))}</div>
        {WALLPAPER_CATEGORIES.map((category) => (
          <fieldset key={category} className="wallpaper-category">
            <legend>{t(CATEGORY_LABELS[category])}</legend>
            <div className="wallpaper-grid">
              {BUILT_IN_WALLPAPERS.filter((w) => w.category === category).map((w) => radio(w.id, t(wallpaperLabelKey(w.id)), swatchStyle(w.light)))}
            </div>
          </fieldset>
        ))}
        <fieldset className="wallpaper-category">
          <legend>{t('wallpaperCategoryCustom')}</legend>
          <div className="wallpaper-grid">
            {radio(CUSTOM_COLOR, t('wallpaperCustomColor'), { backgroundColor: color })}
            {image && radio(CUSTOM_IMAGE, t('wallpaperCustomImage'), swatchStyle({ color: image.color, image: image.dataUrl, scheme: image.scheme }))}
          </div>
          <label className="wallpaper-field">
            <span>{t('wallpaperPickColor')}</span>
            <input ref={colorInput} type="color" name="newtabWallpapers.customColor" defaultValue={color} />
          </label>
          <label className="wallpaper-field">
            <span>{t('wallpaperUpload')}</span>
            <input type="file" accept={UPLOAD_TYPES.join(',')} aria-describedby={`${headingId}-hint`} onChange={(e) => void onUpload(e)} />
          </label>
          <p id={`${headingId}-hint`} className="wallpaper-hint">
            {t('wallpaperUploadHint')}
          </p>
          <p className="wallpaper-status" role="status">
            {uploadState === 'busy' ? t('wallpaperUploadBusy') : ''}
          </p>
          {uploadState !== 'busy' && uploadState !== 'idle' && (
            <p className="wallpaper-error" role="alert">
              {t(UPLOAD_ERRORS[uploadState])}
            </p>
          )}
        </fieldset>
      </fieldset>
    </section>
  );
}
