/**
 * The guided applications from settings: the service definitions of KNOWLEDGE_DIR (checked now, so a
 * mistake stops the start with the file and field), APPLICATION_ROUTES, APPLICATION_RETENTION_DAYS.
 *
 * @example
 *   const { applications, decisions, routedChannels } = openApplications({ db, outbox, cases, translate, triage, config, log });
 */

import type { TriagePort } from '../assistant/assistant.js';
import type { ApplicationDecisions, CaseService } from '../cases/types.js';
import type { Config } from '../config.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { createApplicationDecisions } from './application-decisions.js';
import { parseRoutes } from './application-routes.js';
import { type Applications, createApplications } from './application-service.js';
import { loadServiceDefinitions } from './service-definitions.js';

export interface OpenApplicationsOptions {
  db: Db;
  outbox: Outbox;
  cases: CaseService;
  translate: Translate;
  triage?: TriagePort;
  config: Pick<Config, 'KNOWLEDGE_DIR' | 'APPLICATION_ROUTES' | 'APPLICATION_RETENTION_DAYS' | 'SLA_URGENT_MINUTES' | 'SLA_NORMAL_MINUTES'>;
  clock?: () => Date;
  log: Logger;
}

export function openApplications({ db, outbox, cases, translate, triage, config, clock, log }: OpenApplicationsOptions): {
  applications: Applications;
  decisions: ApplicationDecisions;
  /** Slack channels of the unions routes send cards to. */
  routedChannels: string[];
} {
  const definitions = loadServiceDefinitions(config.KNOWLEDGE_DIR);
  const routes = parseRoutes(config.APPLICATION_ROUTES, [...definitions.keys()]);
  const sla = { urgentMinutes: config.SLA_URGENT_MINUTES, normalMinutes: config.SLA_NORMAL_MINUTES };
  return {
    applications: createApplications({
      db,
      outbox,
      cases,
      translate,
      definitions,
      routes,
      triage,
      retentionDays: config.APPLICATION_RETENTION_DAYS,
      sla,
      clock,
      log,
    }),
    decisions: createApplicationDecisions({ db, outbox, translate, definitions, clock, log }),
    routedChannels: [...new Set(routes.flatMap((r) => (r.slackChannel ? [r.slackChannel] : [])))],
  };
}
