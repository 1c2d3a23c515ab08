/** Node entry of the headless CLI (bin/secpaid-desk.js loads the built copy: out/main/cli.js). */
import { runCli } from './run-cli'

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return ''
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

void runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stdoutBytes: (b) => process.stdout.write(b),
  stderr: (t) => process.stderr.write(t),
  readStdin
}).then((code) => {
  process.exitCode = code
})
