/**
 * Private PostgreSQL cluster for the demo and local runs:
 * `tsx scripts/postgres.ts start|stop|status|down|up [--data-dir DIR]` (default `.opsgate/pg`).
 * `down` and `up` are the fault drill's inject and recover: strict where start/stop are lenient.
 */
import { pgClusterStatus, readPgClusterState, startPgCluster, stopPgCluster } from './lib/pg-cluster.js';

const USAGE = 'usage: tsx scripts/postgres.ts start|stop|status|down|up [--data-dir DIR]';

async function main(args: string[]): Promise<number> {
  const [command, flag, dir, ...rest] = args;
  if ((flag !== undefined && (flag !== '--data-dir' || !dir)) || rest.length) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = dir ?? '.opsgate/pg';
  switch (command) {
    case 'start': {
      const cluster = await startPgCluster({ dataDir });
      console.log(cluster.url());
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
