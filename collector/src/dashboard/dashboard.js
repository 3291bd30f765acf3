/*
 * Telemetry dashboard: fetches /api/summary and draws it as inline SVG.
 * Plain browser script, no dependencies (the collector runs without internet).
 * Every bar carries data-* attributes with its numbers, for tests and tooltips.
 */
(() => {
  'use strict';

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const ACCENT = '#0061e0';
  const PALETTE = ['#0061e0', '#ff7139', '#2ac3a2', '#9059ff', '#e31587', '#ffa436', '#00b3f4', '#54ffbd', '#952bb9', '#7f7f8a'];
  const REFRESH_MS = 30_000;
  const numberFormat = new Intl.NumberFormat('en-US');
  const percentFormat = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

  function svgElement(name, attributes = {}, text) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function byTestId(id) {
    return document.querySelector(`[data-testid="${id}"]`);
  }

  /** A "nice" axis maximum (1, 2, 5 × 10^n) at or above `value`. */
  function niceMax(value) {
    if (!(value > 0)) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
    return 10 * magnitude;
  }

  /**
   * Draws vertical bars. Each bar: {label, segments: [{value, color, attrs}]} (stacked bottom-up).
   * Returns the <svg>.
   */
  function drawBars(container, bars, { title, format = (v) => numberFormat.format(v), yMax, width = 640 } = {}) {
    container.replaceChildren();
    const height = 240;
    const margin = { top: 16, right: 12, bottom: 40, left: 48 };
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
    svg.append(svgElement('title', {}, title));
    if (bars.length === 0) {
      svg.append(svgElement('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' }, 'No data yet'));
      container.append(svg);
      return svg;
    }

    const totals = bars.map((bar) => bar.segments.reduce((sum, s) => sum + s.value, 0));
    const max = yMax ?? niceMax(Math.max(...totals));
    const y = (value) => margin.top + plotHeight - (value / max) * plotHeight;

    const grid = svgElement('g', { class: 'grid' });
    for (let i = 0; i <= 4; i++) {
      const value = (max * i) / 4;
      grid.append(svgElement('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }));
      grid.append(svgElement('text', { x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, format(value)));
    }
    svg.append(grid);

    const slot = plotWidth / bars.length;
    const barWidth = Math.max(2, Math.min(48, slot * 0.7));
    const plot = svgElement('g', { class: 'bars' });
    bars.forEach((bar, index) => {
      const x = margin.left + slot * index + (slot - barWidth) / 2;
      let base = 0;
      for (const segment of bar.segments) {
        const top = y(base + segment.value);
        const rect = svgElement('rect', {
          class: 'bar',
          x: x.toFixed(2),
          y: top.toFixed(2),
          width: barWidth.toFixed(2),
          height: Math.max(0, y(base) - top).toFixed(2),
          fill: segment.color ?? ACCENT,
          'data-value': segment.value,
          ...segment.attrs,
        });
        rect.append(svgElement('title', {}, segment.tooltip ?? `${bar.label}: ${format(segment.value)}`));
        plot.append(rect);
        base += segment.value;
      }
      plot.append(
        svgElement('text', { x: x + barWidth / 2, y: height - margin.bottom + 16, 'text-anchor': 'middle' }, bar.label),
      );
      if (bar.valueLabel !== undefined) {
        plot.append(
          svgElement('text', { x: x + barWidth / 2, y: y(totals[index]) - 4, 'text-anchor': 'middle', class: 'value-label' }, bar.valueLabel),
        );
      }
    });
    svg.append(plot);
    svg.append(
      svgElement('line', {
        class: 'axis',
        x1: margin.left,
        x2: width - margin.right,
        y1: margin.top + plotHeight,
        y2: margin.top + plotHeight,
        stroke: '#8f8f9d',
      }),
    );
    container.append(svg);
    return svg;
  }

  function renderTotals(totals) {
    byTestId('total-documents').textContent = numberFormat.format(totals.documents);
    byTestId('duplicates-count').textContent = numberFormat.format(totals.duplicates);
    byTestId('errors-count').textContent = numberFormat.format(totals.errors);
    byTestId('deletions-count').textContent = numberFormat.format(totals.deletions);
    byTestId('aggregated-count').textContent = numberFormat.format(totals.aggregated_documents);
  }

  function renderPerDay(rows) {
    const types = [...new Set(rows.map((row) => `${row.namespace}/${row.doc_type}`))].sort();
    const color = (type) => PALETTE[types.indexOf(type) % PALETTE.length];
    const days = [...new Set(rows.map((row) => row.day))].sort();
    const bars = days.map((day) => ({
      label: day.slice(5),
      segments: rows
        .filter((row) => row.day === day)
        .map((row) => {
          const type = `${row.namespace}/${row.doc_type}`;
          return {
            value: row.count,
            color: color(type),
            attrs: { 'data-day': day, 'data-doc-type': type },
            tooltip: `${day} ${type}: ${numberFormat.format(row.count)}`,
          };
        }),
    }));
    drawBars(document.getElementById('chart-per-day'), bars, { title: 'Documents per day, stacked by document type' });
    renderLegend(document.getElementById('legend-per-day'), types, color);
  }

  function renderLegend(legend, names, color) {
    legend.replaceChildren(
      ...names.map((name) => {
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.backgroundColor = color(name);
        item.append(swatch, name);
        return item;
      }),
    );
  }

  /** A table row of text cells; `classNames` gives some cells a class, by index. */
  function tableRow(cells, classNames = {}) {
    const row = document.createElement('tr');
    cells.forEach((text, index) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      if (classNames[index]) cell.className = classNames[index];
      row.append(cell);
    });
    return row;
  }

  function renderMessaging(messaging) {
    const body = document.getElementById('messaging-body');
    if (messaging.messages.length === 0) {
      const row = tableRow(['No messaging events yet.']);
      row.firstChild.colSpan = 7;
      body.replaceChildren(row);
    } else {
      body.replaceChildren(
        ...messaging.messages.map((message) => {
          const row = tableRow(
            [
              message.surface,
              message.message_id,
              numberFormat.format(message.impressions),
              numberFormat.format(message.clicks),
              numberFormat.format(message.dismissals),
              numberFormat.format(message.blocks),
              message.ctr === null ? '–' : percentFormat.format(message.ctr),
            ],
            { 2: 'number', 3: 'number', 4: 'number', 5: 'number', 6: 'number' },
          );
          row.className = 'message-row';
          Object.assign(row.dataset, {
            surface: message.surface,
            messageId: message.message_id,
            impressions: message.impressions,
            clicks: message.clicks,
            dismissals: message.dismissals,
            blocks: message.blocks,
            ctr: message.ctr ?? '',
          });
          row.title = Object.entries(message.events).map(([event, count]) => `${event}: ${count}`).join('\n');
          return row;
        }),
      );
    }

    // One stacked bar per day; a series per error and reason (or provider).
    const seriesOf = (row) => (row.context === null ? row.event : `${row.event} · ${row.context}`);
    const series = [...new Set(messaging.errors_per_day.map(seriesOf))].sort();
    const color = (name) => PALETTE[series.indexOf(name) % PALETTE.length];
    const days = [...new Set(messaging.errors_per_day.map((row) => row.day))].sort();
    const bars = days.map((day) => ({
      label: day.slice(5),
      segments: messaging.errors_per_day
        .filter((row) => row.day === day)
        .map((row) => ({
          value: row.count,
          color: color(seriesOf(row)),
          attrs: { 'data-day': day, 'data-kind': row.kind, 'data-event': row.event, 'data-context': row.context ?? '' },
          tooltip: `${day} ${seriesOf(row)}: ${numberFormat.format(row.count)}`,
        })),
    }));
    drawBars(document.getElementById('chart-messaging-errors'), bars, { title: 'Messaging targeting and provider errors per day' });
    renderLegend(document.getElementById('legend-messaging-errors'), series, color);

    const experiments = document.getElementById('experiments-body');
    if (messaging.experiments.length === 0) {
      const row = tableRow(['No enrollments yet.']);
      row.firstChild.colSpan = 4;
      experiments.replaceChildren(row);
    } else {
      experiments.replaceChildren(
        ...messaging.experiments.map((b) => {
          const row = tableRow([b.experiment, b.branch, numberFormat.format(b.enrollments), numberFormat.format(b.unenrollments)], { 2: 'number', 3: 'number' });
          row.className = 'experiment-row';
          Object.assign(row.dataset, { experiment: b.experiment, branch: b.branch, enrollments: b.enrollments, unenrollments: b.unenrollments });
          return row;
        }),
      );
    }
  }

  function renderClickThrough(clicks) {
    byTestId('sessions-count').textContent = numberFormat.format(clicks.sessions);
    const bars = clicks.positions.map((row) => ({
      label: `#${row.position}`,
      valueLabel: row.ctr === null ? `${row.clicks}` : percentFormat.format(row.ctr),
      segments: [
        {
          value: row.ctr ?? 0,
          attrs: { 'data-position': row.position, 'data-clicks': row.clicks, 'data-ctr': row.ctr ?? '' },
          tooltip: `position ${row.position}: ${row.clicks} clicks / ${clicks.sessions} sessions`,
        },
      ],
    }));
    drawBars(document.getElementById('chart-ctr'), bars, {
      title: 'Top-sites click-through rate by position',
      format: (v) => percentFormat.format(v),
    });
  }

  function renderDistribution(id, distribution, title) {
    const stats = document.getElementById(`${id}-stats`);
    stats.textContent =
      distribution.n === 0
        ? 'No sessions in the raw window.'
        : `n = ${numberFormat.format(distribution.n)} · p50 ${numberFormat.format(distribution.p50)} ms · ` +
          `p90 ${numberFormat.format(distribution.p90)} ms · p99 ${numberFormat.format(distribution.p99)} ms`;
    const bars = distribution.n === 0 ? [] : distribution.bins.map((bin) => ({
      label: bin.label,
      valueLabel: bin.count > 0 ? numberFormat.format(bin.count) : undefined,
      segments: [{ value: bin.count, attrs: { 'data-bin': bin.label, 'data-count': bin.count } }],
    }));
    drawBars(document.getElementById(`chart-${id}`), bars, { title, width: 440 });
  }

  function renderErrors(errors) {
    const body = document.getElementById('errors-body');
    if (errors.length === 0) {
      const row = tableRow(['No schema errors.']);
      row.firstChild.colSpan = 4;
      body.replaceChildren(row);
      return;
    }
    body.replaceChildren(
      ...errors.map((error) => {
        const row = tableRow(
          [
            error.submission_timestamp.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
            `${error.namespace}/${error.doc_type}/${error.doc_version}`,
            error.doc_id,
            error.reasons.join('\n'),
          ],
          { 3: 'reasons' },
        );
        row.className = 'error-row';
        return row;
      }),
    );
  }

  let refreshTimer;

  // A collector that needs a read token is opened as /dashboard#token=…: the fragment never
  // reaches the server or its logs, and the token goes along as a header with each call.
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const authorization = token ? { Authorization: `Bearer ${token}` } : {};

  async function refresh() {
    clearTimeout(refreshTimer);
    const errorBox = document.getElementById('load-error');
    try {
      const response = await fetch('/api/summary', { cache: 'no-store', headers: authorization });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const summary = await response.json();
      renderTotals(summary.totals);
      renderPerDay(summary.documents_per_day);
      renderClickThrough(summary.top_sites_clicks);
      renderDistribution('session-duration', summary.session_duration, 'Session duration histogram');
      renderDistribution('first-paint', summary.first_paint, 'Top sites first paint histogram');
      renderMessaging(summary.messaging);
      renderErrors(summary.recent_errors);
      document.getElementById('generated-at').textContent = `Updated ${summary.generated_at}`;
      document.getElementById('retention').textContent = `Raw data kept ${summary.retention_days} days`;
      errorBox.hidden = true;
      document.body.dataset.generatedAt = summary.generated_at;
      document.body.dataset.ready = '1';
    } catch (error) {
      errorBox.textContent = `Could not load /api/summary: ${error.message}`;
      errorBox.hidden = false;
    } finally {
      refreshTimer = setTimeout(refresh, REFRESH_MS);
    }
  }

  document.getElementById('refresh').addEventListener('click', () => void refresh());
  void refresh();
})();
