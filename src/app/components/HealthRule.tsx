import type { Health } from '../../graph/types.ts';

const HEADING: Readonly<Record<Health, string>> = { normal: 'Healthy', warning: 'Warning', danger: 'Danger' };

/**
 * Which threshold rule coloured the selection (see graph/healthRules.ts), e.g. "Danger: latency
 * 1.20 s ≥ danger 1 s (override payment-*)". Text, never markup.
 */
export function HealthRule({ health, reason }: { readonly health: Health; readonly reason: string | undefined }) {
  if (reason === undefined) return null;
  return (
    <p className={`details__rule health-${health}`} data-testid="health-rule" data-health={health}>
      <strong>{HEADING[health]}:</strong> {reason}
    </p>
  );
}
