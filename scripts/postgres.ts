/** Private PostgreSQL cluster for the demo and local runs: `tsx scripts/postgres.ts start|stop|status`. */
import { pgClusterStatus, startPgCluster, stopPgCluster } from './lib/pg-cluster.js';

const DATA_DIR = '.opsgate/pg';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'start': {
      const cluster = await startPgCluster({ dataDir: DATA_DIR });
      console.log(cluster.url());
      return 0;
    }
    case 'stop':
      await stopPgCluster(DATA_DIR);
      console.log('stopped');
      return 0;
    case 'status': {
      const cluster = await pgClusterStatus(DATA_DIR);
      console.log(cluster ? `running on ${cluster.host}:${cluster.port} (${cluster.dataDir})` : 'stopped');
      return cluster ? 0 : 3;
    }
    default:
      console.error('usage: tsx scripts/postgres.ts start|stop|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(3);
  },
);
