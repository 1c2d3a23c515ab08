/**
 * Preloaded into a measured child (`node --import ./probe.mjs …`): at exit it writes the child's
 * own resource usage to the file named by BENCH_PROBE_OUT — CPU, peak RSS and the kernel's
 * per-process I/O counters — so the parent measures any program (the built CLI included) from
 * outside, without the program knowing about the bench.
 */
import { readFileSync, writeFileSync } from 'node:fs'

const out = process.env['BENCH_PROBE_OUT']
// Grandchildren (if any) must not overwrite our report.
delete process.env['BENCH_PROBE_OUT']

function procIo() {
  try {
    const io = {}
    for (const line of readFileSync('/proc/self/io', 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+)$/.exec(line)
      if (m) io[m[1]] = Number(m[2])
    }
    return io
  } catch {
    return null // not Linux: the I/O columns say so
  }
}

if (out) {
  process.on('exit', () => {
    const ru = process.resourceUsage()
    writeFileSync(out, JSON.stringify({ userUs: ru.userCPUTime, sysUs: ru.systemCPUTime, maxRssKb: ru.maxRSS, io: procIo() }))
  })
}
