/**
 * The retriever with the latency of every search observed (`niangjia_retrieval_duration_seconds`), wrapped
 * once in the composition root so retrieval itself knows nothing of metrics.
 *
 * @example
 *   const retriever = observedRetriever(knowledge.retriever, metrics);
 */
import type { Retriever } from '../retrieval/types.js';
import type { Metrics } from './metrics.js';

export function observedRetriever<R extends Retriever>(retriever: R, metrics: Metrics): R {
  return {
    ...retriever,
    async search(query, options) {
      const started = performance.now();
      try {
        return await retriever.search(query, options);
      } finally {
        metrics.observeRetrieval(performance.now() - started);
      }
    },
  };
}
