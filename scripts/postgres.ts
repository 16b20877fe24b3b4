/**
 * Private PostgreSQL cluster for the demo and local runs (`npm run pg -- <command>`):
 *   start | stop | status       start prints where it listens, never credentials
 *   url [--database NAME]       prints the connection URL of the running cluster (it holds the
 *                               password: for `$(…)`, never for tickets or logs)
 *   down | up                   the fault drill's inject and recover: strict where start/stop are lenient
 * `--data-dir DIR` picks the cluster (default `.opsgate/demo-pg`, the one `npm run demo` uses).
 */
import { parseArgs } from 'node:util';
import { pgClusterStatus, readPgClusterState, startPgCluster, stopPgCluster } from './lib/pg-cluster.js';

const DEFAULT_DIR = '.opsgate/demo-pg';
const USAGE = 'usage: npm run pg -- start|stop|status|url|down|up [--data-dir DIR] [--database NAME]';

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, database: { type: 'string' } },
    });
  } catch {
    console.error(USAGE);
    return 2;
  }
  const [command, ...extra] = parsed.positionals;
  const { database } = parsed.values;
  if (extra.length || (database !== undefined && command !== 'url')) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = parsed.values['data-dir'] ?? DEFAULT_DIR;
  const dirFlag = dataDir === DEFAULT_DIR ? '' : ` --data-dir ${dataDir}`;
  switch (command) {
    case 'start': {
      const cluster = await startPgCluster({ dataDir });
      console.log(`running on ${cluster.host}:${cluster.port} (${cluster.dataDir})`);
      return 0;
    }
    case 'stop':
      await stopPgCluster(dataDir);
      console.log('stopped');
      return 0;
    case 'status': {
      const cluster = await pgClusterStatus(dataDir);
      console.log(cluster ? `running on ${cluster.host}:${cluster.port} (${cluster.dataDir})` : 'stopped');
      return cluster ? 0 : 3;
    }
    case 'url': {
      const cluster = await pgClusterStatus(dataDir);
      if (!cluster) {
        console.error(
          `no running opsgate cluster in ${dataDir}: start it with npm run pg -- start${dirFlag}`,
        );
        return 3;
      }
      console.log(cluster.url(database));
      return 0;
    }
    case 'down': {
      // An inject that breaks nothing would measure nothing: stopping a stopped cluster is an error.
      const cluster = await pgClusterStatus(dataDir);
      if (!cluster) {
        console.error(`no running opsgate cluster in ${dataDir}`);
        return 3;
      }
      await stopPgCluster(dataDir);
      console.log(`stopped ${cluster.host}:${cluster.port}`);
      return 0;
    }
    case 'up': {
      // Back on the port it had, so clients holding its URL (the demo target's pool) reconnect.
      const port = (await readPgClusterState(dataDir))?.port;
      if (!port) {
        console.error(`no opsgate cluster with a known port in ${dataDir}`);
        return 3;
      }
      const cluster = await startPgCluster({ dataDir, port });
      console.log(`running on ${cluster.host}:${cluster.port}`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(3);
  },
);
