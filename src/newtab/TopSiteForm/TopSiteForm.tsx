// Add or edit a shortcut (Firefox's TopSiteForm): a title, an address
// (http:// is added when the user typed no scheme; anything but a web page is
// refused with a message tied to the field) and an optional custom image,
// which the background fetches for a preview. Saving pins the site to its
// slot, or in front for a new one (-1), and sends TOP_SITES_EDIT with that
// position; the preview sends PREVIEW_REQUEST. Neither event carries a URL.
import { useId, useState, type FormEvent } from 'react';
import { OnlyToMain, ac, action } from '../../common/actions';
import { normalizeSiteUrl } from '../../common/topSites/rules';
import type { TopSite } from '../../common/topSites/types';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { ModalDialog } from '../ModalDialog/ModalDialog';
import './TopSiteForm.css';

export interface TopSiteFormProps {
  /** The slot being edited, or -1 to add a site in front. */
  index: number;
  site?: TopSite;
  onClose(): void;
}

/** The typed image address as a URL; null when empty, undefined when invalid. */
function imageUrlOf(typed: string): string | null | undefined {
  if (typed.trim() === '') return null;
  const checked = normalizeSiteUrl(typed);
  return checked.ok ? checked.url : undefined;
}

export function TopSiteForm({ index, site, onClose }: TopSiteFormProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const preview = useAppSelector((s) => s.TopSites.preview);
  const [title, setTitle] = useState(site?.label ?? '');
  const [url, setUrl] = useState(site?.url ?? '');
  const [image, setImage] = useState(site?.customScreenshotURL ?? '');
  const [urlInvalid, setUrlInvalid] = useState(false);
  const [imageInvalid, setImageInvalid] = useState(false);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const ids = { title: useId(), url: useId(), urlError: useId(), image: useId(), imageError: useId(), preview: useId() };

  const requestPreview = () => {
    const imageUrl = imageUrlOf(image);
    setImageInvalid(imageUrl === undefined);
    if (!imageUrl) return;
    setPreviewUrl(imageUrl);
    dispatch(OnlyToMain(action('PREVIEW_REQUEST', { url: imageUrl })));
    dispatch(ac.UserEvent({ event: 'PREVIEW_REQUEST', source: 'TOP_SITES' }));
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const checked = normalizeSiteUrl(url);
    const imageUrl = imageUrlOf(image);
    setUrlInvalid(!checked.ok);
    setImageInvalid(imageUrl === undefined);
    if (!checked.ok || imageUrl === undefined) return;
    const label = title.trim();
    dispatch(
      OnlyToMain(action('TOP_SITES_PIN', { site: { url: checked.url, ...(label ? { label } : {}), customScreenshotURL: imageUrl }, index })),
    );
    // The seed names this event's source TOP_SITES_SOURCE.
    dispatch(ac.UserEvent({ event: 'TOP_SITES_EDIT', source: 'TOP_SITES_SOURCE', action_position: index }));
    onClose();
  };

  const previewResult = previewUrl && preview?.url === previewUrl ? preview : null;

  return (
    <ModalDialog title={t(site ? 'topSiteFormEditTitle' : 'topSiteFormAddTitle')} onClose={onClose}>
      <form className="top-site-form" noValidate onSubmit={save}>
        <label htmlFor={ids.title}>{t('topSiteFormTitleLabel')}</label>
        <input id={ids.title} name="title" value={title} maxLength={100} placeholder={t('topSiteFormTitlePlaceholder')} onChange={(e) => setTitle(e.target.value)} />

        <label htmlFor={ids.url}>{t('topSiteFormUrlLabel')}</label>
        {/* type="text": the form does its own check, and adds http:// where type="url" would refuse. */}
        <input
          id={ids.url}
          name="url"
          type="text"
          inputMode="url"
          spellCheck={false}
          value={url}
          placeholder={t('topSiteFormUrlPlaceholder')}
          aria-invalid={urlInvalid}
          aria-describedby={urlInvalid ? ids.urlError : undefined}
          onChange={(e) => {
            setUrl(e.target.value);
            setUrlInvalid(false);
          }}
        />
        {urlInvalid && (
          <p id={ids.urlError} className="form-error" role="alert">
            {t('topSiteFormUrlInvalid')}
          </p>
        )}

        <label htmlFor={ids.image}>{t('topSiteFormImageLabel')}</label>
        <div className="top-site-form-image">
          <input
            id={ids.image}
            name="customScreenshotURL"
            type="text"
            inputMode="url"
            value={image}
            aria-invalid={imageInvalid}
            aria-describedby={imageInvalid ? ids.imageError : previewUrl ? ids.preview : undefined}
            onChange={(e) => {
              setImage(e.target.value);
              setImageInvalid(false);
              setPreviewUrl(null);
            }}
          />
          <button type="button" onClick={requestPreview} disabled={image.trim() === ''}>
            {t('topSiteFormPreview')}
          </button>
        </div>
        {imageInvalid && (
          <p id={ids.imageError} className="form-error" role="alert">
            {t('topSiteFormImageInvalid')}
          </p>
        )}
        {previewUrl && (
          <div id={ids.preview} className="top-site-form-preview" aria-live="polite">
            {!previewResult && <p>{t('topSiteFormPreviewLoading')}</p>}
            {previewResult?.dataUrl && <img src={previewResult.dataUrl} alt={t('topSiteFormPreviewAlt')} />}
            {previewResult && !previewResult.dataUrl && <p className="form-error">{t('topSiteFormPreviewFailed')}</p>}
          </div>
        )}

        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary">
            {t(site ? 'save' : 'topSiteFormAdd')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
