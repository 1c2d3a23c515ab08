/** Node entry of the headless CLI (bin/secpaid-desk.js loads the built copy: out/main/cli.js). */
import { runCli } from './run-cli'

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return ''
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

// A reader that stops early (`secpaid-desk list | head`) closes the pipe: that is its choice, not a
// failure. Further output is dropped and the command finishes as it would have (a refund still
// records its outcome); any other stdout error is thrown as before.
let stdoutClosed = false
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  stdoutClosed = true
})

void runCli(process.argv.slice(2), {
  stdout: (t) => stdoutClosed || process.stdout.write(t),
  stdoutBytes: (b) => stdoutClosed || process.stdout.write(b),
  stderr: (t) => process.stderr.write(t),
  readStdin
}).then((code) => {
  process.exitCode = code
})
