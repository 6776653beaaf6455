/**
 * A fresh process doing what `npm start` does before it answers: open the store, load the
 * stored articles (extraction results from the store), build the corpus. Prints JSON.
 * argv: CONTENT_DIR SQLITE_PATH CONFIG_DIR
 */
import { CorpusService } from '../src/runtime/corpusService';
import { openStore } from '../src/store/openStore';

async function main(): Promise<void> {
  const [contentDir, sqlitePath, configDir] = process.argv.slice(2);
  const store = await openStore({ sqlitePath });
  const service = new CorpusService({ contentDir, configDir, store });
  const stats = await service.load();
  const seconds = process.uptime();
  await store.close();
  process.stdout.write(
    JSON.stringify({
      articles: stats.articles,
      quotes: stats.quotes,
      seconds,
      loadSeconds: stats.ms / 1000,
      fromCache: stats.fromCache,
      rssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    }),
  );
}

void main();
