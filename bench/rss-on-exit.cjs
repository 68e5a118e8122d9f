// Preloaded (--require) into a benchmarked process: writes its peak RSS (kB) to
// $BENCH_RSS_FILE when it exits.
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
