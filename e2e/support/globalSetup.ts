import { startStaticServer } from './staticServer.ts';
import { BAD_CONFIG } from './badConfig.ts';

/** Serves the demo build for the mocked suite; always stopped by the returned teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startStaticServer({
    root: 'dist-demo',
    mounts: ['/bad-config/'],
    overrides: { '/bad-config/config.json': JSON.stringify(BAD_CONFIG) },
  });
  process.env.TM_DEMO_URL = server.url;
  return server.close;
}
