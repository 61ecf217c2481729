import client from 'prom-client';
import type { TurnMetrics } from '../bots/runtime/runtime';

/** Prometheus metrics served at /metrics. One registry per process (tests may build several apps). */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const turns = new client.Counter({ name: 'omnibot_turns_total', help: 'Customer turns processed', labelNames: ['outcome'], registers: [registry] });
  const turnSeconds = new client.Histogram({
    name: 'omnibot_turn_duration_seconds',
    help: 'Time to process one customer turn',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new client.Counter({ name: 'omnibot_errors_total', help: 'Errors by kind', labelNames: ['kind'], registers: [registry] });
  const httpRequests = new client.Counter({ name: 'omnibot_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'status'], registers: [registry] });
  const turnMetrics: TurnMetrics = {
    turnFinished(seconds, outcome) {
      turns.inc({ outcome });
      turnSeconds.observe(seconds);
      if (outcome === 'error') errors.inc({ kind: 'turn' });
    },
  };
  return { registry, turnMetrics, errors, httpRequests };
}
export type Metrics = ReturnType<typeof createMetrics>;
