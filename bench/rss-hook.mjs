// Loaded with --import into the measured process: reports its own peak RSS and CPU time when it exits
// (CPU time stays meaningful when the machine is shared and wall time is not).
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`\n__PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n__CPU_MS=${Math.round((cpu.user + cpu.system) / 1000)}\n`);
});
