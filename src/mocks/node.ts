/**
 * The simulated Prometheus for Vitest: the happy-path handlers in an MSW server. Tests start it
 * with `server.listen({ onUnhandledRequest: 'error' })`, call `server.resetHandlers()` after each
 * test, and break things per test with `server.use(...)` or `applyScenario(server, name)`.
 */
import { setupServer } from 'msw/node';
import { handlers } from './handlers.ts';

export const server = setupServer(...handlers);
