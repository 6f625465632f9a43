// Preloaded by the benchmark into `duban ask` runs: reports the process's peak memory on exit.
process.on('exit', () => process.stderr.write(`maxrss_kb=${process.resourceUsage().maxRSS}\n`));
