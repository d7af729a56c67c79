/**
 * Preloaded into each process the bench times (`node --import …/usage.js`): at exit, its own
 * CPU time and peak RSS go to the file named by JIXIAO_BENCH_USAGE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.JIXIAO_BENCH_USAGE;
if (file)
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6, peakRssMb: u.maxRSS / 1024 }));
  });
