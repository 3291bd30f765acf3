// "Report" from a card's menu (Firefox's ReportContent form): one reason out
// of Firefox's list for a story or for a sponsored story, then Submit, which
// stays disabled until a reason is chosen. Escape, the backdrop or Cancel
// close it without reporting.
import { useId, useState, type FormEvent } from 'react';
import { SPOC_REPORT_REASONS, STORY_REPORT_REASONS, type ReportReason } from '../../common/pings/types';
import type { Card } from '../../common/stories/types';
import { useI18n } from '../lib/i18nContext';
import { ModalDialog } from '../ModalDialog/ModalDialog';

/** The label of each reason, as Firefox words it (newtab-report-* strings). */
const REASON_LABELS: Record<ReportReason, string> = {
  wrong_category: 'reportReasonWrongCategory',
  outdated: 'reportReasonOutdated',
  inappropriate_or_offensive: 'reportReasonInappropriateOffensive',
  spam_or_misleading: 'reportReasonSpamMisleading',
  not_interested: 'reportReasonNotInterested',
  inappropriate: 'reportReasonInappropriate',
  seen_too_many_times: 'reportReasonSeenTooManyTimes',
};

export interface ReportDialogProps {
  card: Card;
  onSubmit(reason: ReportReason): void;
  onClose(): void;
}

export function ReportDialog({ card, onSubmit, onClose }: ReportDialogProps) {
  const { t } = useI18n();
  const name = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const reasons = card.type === 'spoc' ? SPOC_REPORT_REASONS : STORY_REPORT_REASONS;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason) onSubmit(reason);
  };
  return (
    <ModalDialog title={t(card.type === 'spoc' ? 'reportAdTitle' : 'reportStoryTitle')} onClose={onClose} className="report-dialog">
      <form onSubmit={submit}>
        <fieldset className="report-reasons">
          <legend>{t('reportWhy')}</legend>
          {reasons.map((r) => (
            <label key={r} className="report-reason">
              <input type="radio" name={name} value={r} checked={reason === r} onChange={() => setReason(r)} />
              <span>{t(REASON_LABELS[r])}</span>
            </label>
          ))}
        </fieldset>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('reportCancel')}
          </button>
          <button type="submit" className="primary" disabled={!reason}>
            {t('reportSubmit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
