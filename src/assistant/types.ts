/** The assistant's contract: a worker's message in, a decision out. No channel types here. */
export type Lang = 'zh' | 'en';

export interface Citation {
  passageId: number;
  title: string;
  /** Article number, when the passage has one. */
  article?: number;
  /** How it is shown: 《中华人民共和国劳动合同法》第四十七条 */
  label: string;
  effective: string | null;
}

export interface Escalation {
  priority: 'urgent' | 'normal';
  /** e.g. safety | self_harm | harassment | violence | collective | explicit_request | legal_aid | hardship | follow_up | low_confidence */
  category: string;
  /** A short case summary for staff. */
  summary: string;
}

export interface Decision {
  kind: 'answer' | 'escalate' | 'decline';
  lang: Lang;
  /** The reply to send the worker (plain text; channels format it). */
  text: string;
  citations: Citation[];
  /** 0..1 — how sure retrieval/answering is. */
  confidence: number;
  escalation?: Escalation;
}

export interface WorkerTurn {
  /** Conversation key: the worker's id in the store. */
  workerId: number;
  text: string;
  /** The worker's chosen language, if any; else detected from the text. */
  lang?: Lang;
}

/**
 * @example
 *   const decision = await assistant.respond({ workerId: 7, text: '公司拖欠工资怎么办' });
 */
export interface Assistant {
  respond(turn: WorkerTurn): Promise<Decision>;
}
