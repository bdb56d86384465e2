// `senmap serve` for the browser: HTTPS on a port the kernel picks on loopback, started and stopped
// as serve_test.py does (its first line says where it listens; SIGTERM stops it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export async function startServer(school) {
  const log = path.join(school.dir, 'serve-stderr.log');
  const proc = spawn(school.senmap, ['--config', school.config, 'serve', '--listen', '127.0.0.1:0', '--threads', '2',
    '--cert', school.cert, '--key', school.key], { stdio: ['ignore', 'pipe', fs.openSync(log, 'a')] });
  // Never leave a server behind, whatever ends the test.
  const stop = () => { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM'); };
  process.on('exit', stop);
  const firstLine = await new Promise((resolve) => {
    const lines = readline.createInterface({ input: proc.stdout });
    lines.once('line', resolve);
    proc.once('exit', () => resolve(''));
  });
  const m = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(firstLine);
  if (!m) {
    stop();
    throw new Error(`the server did not start: ${firstLine}\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
  }
  proc.stdout.resume();  // later lines are not read: keep the pipe drained
  return {
    origin: `https://127.0.0.1:${m[1]}`,
    async stop() {
      const exited = new Promise((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', resolve)));
      stop();
      await exited;
      process.off('exit', stop);
    },
  };
}
