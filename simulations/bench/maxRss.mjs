// Preloaded (`node --import ./maxRss.mjs …`) into a process the bench measures from outside: at
// exit it writes the process's peak resident memory to standard error as one tagged line. The
// kernel's own high-water mark (`ru_maxrss`), so no sample can miss the peak, and no dependency
// on `/usr/bin/time`, which not every machine has.
process.on('exit', () => {
  process.stderr.write(`\nlockstep-bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
