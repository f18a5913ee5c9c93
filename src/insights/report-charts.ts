/**
 * The report's charts as PNG images: Chart.js drawn on @napi-rs/canvas (Skia, shipped as a prebuilt binary
 * in its npm package), with Noto Sans SC from @fontsource/noto-sans-sc so Chinese labels render — nothing is
 * downloaded at install or at run time. Measured against vega + vega-lite → SVG → @resvg/resvg-js → PNG,
 * which rendered no text at all here: resvg reads TrueType/OpenType fonts only, and the registry's Chinese
 * fonts come as WOFF/WOFF2.
 *
 * @example
 *   const charts = await reportCharts(report, reportLabels(translate, 'zh'));
 *   // [{ name: 'topics', title: '按主题的提问（本期 vs 上期）', png: <Buffer 89 50 4e 47 …> }, …]
 */

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { ListeningReport } from './listening-report.js';
import type { ReportLabels } from './report-text.js';

export interface ReportChart {
  /** File name stem: topics, unanswered, escalations, ratings. */
  name: string;
  title: string;
  png: Buffer;
}

const FONT = 'Noto Sans SC';
const RED = '#b3261e';
const GREY = '#c9c5c0';
let ready = false;

/** Registers Chart.js's parts and the Chinese font once per process. */
function prepare(): void {
  if (ready) return;
  Chart.register(...registerables);
  const files = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  for (const file of readdirSync(files).filter((f) => f.endsWith('-400-normal.woff2')))
    GlobalFonts.registerFromPath(join(files, file), FONT);
  Chart.defaults.font.family = FONT;
  Chart.defaults.color = '#333';
  ready = true;
}

async function draw(config: ChartConfiguration, { width = 900, height = 480 } = {}): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const chart = new Chart(
    ctx as unknown as ConstructorParameters<typeof Chart>[0],
    {
      ...config,
      options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    } as ChartConfiguration,
  );
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

const titled = (text: string, { legend = true, ...extra }: { legend?: boolean } & Record<string, unknown> = {}) => ({
  plugins: { title: { display: true, text, font: { size: 18 } }, legend: { display: legend } },
  ...extra,
});

export async function reportCharts(report: ListeningReport, x: ReportLabels): Promise<ReportChart[]> {
  prepare();
  const { t } = x;
  const topics = report.questions.byTopic.slice(0, 12);
  const u = report.unanswered;
  const charts: Array<{ name: string; title: string; config: ChartConfiguration }> = [
    {
      name: 'topics',
      title: t('report-chart-topics'),
      config: {
        type: 'bar',
        data: {
          labels: topics.map((r) => x.topic(r.topic)),
          datasets: [
            { label: t('report-this-period'), data: topics.map((r) => r.count), backgroundColor: RED },
            { label: t('report-previous-period'), data: topics.map((r) => r.previous), backgroundColor: GREY },
          ],
        },
        options: titled(t('report-chart-topics')),
      },
    },
    {
      name: 'unanswered',
      title: t('report-chart-unanswered'),
      config: {
        type: 'bar',
        data: {
          labels: ['declined', 'low_confidence', 'no_card', 'not_helpful'].map((w) => t(`report-why-${w}`)),
          datasets: [{ label: t('report-this-period'), data: [u.declined, u.lowConfidence, u.noCard, u.notHelpful], backgroundColor: RED }],
        },
        options: titled(t('report-chart-unanswered'), { legend: false }),
      },
    },
    {
      name: 'escalations',
      title: t('report-chart-escalations'),
      config: {
        type: 'bar',
        data: {
          labels: report.escalations.map((e) => x.reason(e.reason)),
          datasets: [
            { label: t('report-urgent'), data: report.escalations.map((e) => e.urgent), backgroundColor: RED },
            { label: t('report-normal'), data: report.escalations.map((e) => e.normal), backgroundColor: GREY },
          ],
        },
        options: titled(t('report-chart-escalations'), { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } }),
      },
    },
    {
      name: 'ratings',
      title: t('report-chart-ratings'),
      config: {
        type: 'bar',
        data: {
          labels: ['★1', '★2', '★3', '★4', '★5'],
          datasets: [{ label: t('report-this-period'), data: report.desk.ratings.byStars, backgroundColor: RED }],
        },
        options: titled(t('report-chart-ratings'), { legend: false }),
      },
    },
  ];
  const drawn: ReportChart[] = [];
  for (const c of charts) drawn.push({ name: c.name, title: c.title, png: await draw(c.config) });
  return drawn;
}
