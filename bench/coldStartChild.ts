/**
 * A fresh process doing what `npm start` does before it answers: open the store, load the
 * stored articles (from the corpus snapshot when there is a valid one, else extraction results
 * from the store), build the corpus. Prints JSON; waits for the snapshot save before exiting.
 * argv: CONTENT_DIR SQLITE_PATH CONFIG_DIR SNAPSHOT_PATH
 */
import { CorpusService } from '../src/runtime/corpusService';
import { openStore } from '../src/store/openStore';

async function main(): Promise<void> {
  const [contentDir, sqlitePath, configDir, snapshotPath] = process.argv.slice(2);
  const store = await openStore({ sqlitePath });
  const service = new CorpusService({ contentDir, configDir, store, snapshotPath });
  const stats = await service.load();
  const seconds = process.uptime();
  const rssMb = Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20);
  await service.flush();
  await store.close();
  process.stdout.write(
    JSON.stringify({
      articles: stats.articles,
      quotes: stats.quotes,
      seconds,
      loadSeconds: stats.ms / 1000,
      fromCache: stats.fromCache,
      fromSnapshot: stats.base === 'snapshot' ? stats.unchanged : 0,
      rssMb,
    }),
  );
}

void main();
