/** The exporter of each convention preset (`--convention <name>`, `startSimulator({ convention })`). */
import { istioExporter } from './istio.ts';
import { linkerdExporter } from './linkerd.ts';
import { micrometerExporter } from './micrometer.ts';
import { otelHttpExporter } from './otelHttp.ts';
import { otelServicegraphExporter } from './otelServicegraph.ts';
import { standardExporter } from './standard.ts';
import type { Exporter } from './types.ts';

export const EXPORTERS = {
  standard: standardExporter,
  istio: istioExporter,
  linkerd: linkerdExporter,
  'otel-servicegraph': otelServicegraphExporter,
  micrometer: micrometerExporter,
  'otel-http': otelHttpExporter,
} as const satisfies Readonly<Record<string, Exporter>>;

export type ExportedConvention = keyof typeof EXPORTERS;

export const EXPORTED_CONVENTIONS = Object.keys(EXPORTERS) as readonly ExportedConvention[];

export function isExportedConvention(name: string): name is ExportedConvention {
  return Object.hasOwn(EXPORTERS, name);
}
