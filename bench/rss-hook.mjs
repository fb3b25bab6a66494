// Loaded with --import into the measured process: reports its own peak RSS when it exits.
process.on('exit', () => {
  process.stderr.write(`\n__PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
