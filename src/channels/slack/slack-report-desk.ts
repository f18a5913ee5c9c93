/**
 * The listening report on Slack: its text in the cases channel, the charts uploaded as PNG images in that
 * post's thread (files.getUploadURLExternal → upload → files.completeUploadExternal, through the WebClient's
 * filesUploadV2). Failures come back as DeliveryError so the outbox retries by the one policy.
 */
import type { webApi } from '@slack/bolt';
import type { Lang } from '../../i18n/lang.js';
import type { Translate } from '../../i18n/translator.js';
import type { ReportDesk } from '../../insights/report-deliverer.js';
import { reportLabels, reportText } from '../../insights/report-text.js';
import { escapeMrkdwn } from './case-blocks.js';
import { slackCall } from './slack-errors.js';

export function createSlackReportDesk({
  client,
  casesChannel,
  translate,
  lang,
}: {
  client: webApi.WebClient;
  casesChannel: string;
  translate: Translate;
  lang: Lang;
}): ReportDesk {
  return {
    async postReport(report) {
      const text = reportText(report, { translate, lang, escape: escapeMrkdwn });
      // The chart renderer (canvas, Chart.js, the font) is loaded with the first report, not at start.
      const { reportCharts } = await import('../../insights/report-charts.js');
      const charts = await reportCharts(report, reportLabels(translate, lang));
      const posted = await slackCall('posting the listening report', () =>
        client.chat.postMessage({
          channel: casesChannel,
          text: `${text}\n\n_${translate(lang, 'report-charts')}_`,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      const thread = { channel: posted.channel ?? casesChannel, ts: posted.ts! };
      await slackCall('uploading the listening report charts', () =>
        client.filesUploadV2({
          channel_id: thread.channel,
          thread_ts: thread.ts,
          file_uploads: charts.map((c) => ({ file: c.png, filename: `${c.name}.png`, title: c.title })),
        }),
      );
      return thread;
    },
  };
}
