// "What we collect": every ping we send and every field in it, from
// metricsCatalog.ts. The telemetry switch links here instead of to a website,
// so the answer ships with the extension and matches this build.
import { useI18n } from '../../newtab/lib/i18nContext';
import { COMMON_FIELD_GROUPS, PING_DOCS } from './metricsCatalog';
import './Metrics.css';

function CodeList({ items }: { items: readonly string[] }) {
  return (
    <ul className="code-list">
      {items.map((item) => (
        <li key={item}>
          <code>{item}</code>
        </li>
      ))}
    </ul>
  );
}

export function Metrics() {
  const { t } = useI18n();
  return (
    <section id="metrics" className="options-group metrics" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">{t('metricsHeading')}</h2>
      <p className="explanation">{t('metricsIntro')}</p>
      <h3>{t('metricsCommonHeading')}</h3>
      <dl className="metrics-common">
        {COMMON_FIELD_GROUPS.map(({ label, fields }) => (
          <div key={label}>
            <dt>
              <CodeList items={fields} />
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      {PING_DOCS.map((doc) => (
        <article key={doc.id} id={doc.id} className="metrics-ping" aria-labelledby={`${doc.id}-title`}>
          <h3 id={`${doc.id}-title`}>{t(doc.title)}</h3>
          <p className="explanation">{t(doc.description)}</p>
          <p className="metrics-label">{t('metricsSentAs')}</p>
          <CodeList items={doc.docTypes} />
          <p className="metrics-label">{t('metricsFields')}</p>
          <CodeList items={doc.fields} />
          {doc.values?.map(({ label, list }) => (
            <details key={label}>
              <summary>{t(label)}</summary>
              <CodeList items={list} />
            </details>
          ))}
        </article>
      ))}
    </section>
  );
}
