import { spawnSync } from 'node:child_process';
import { cli, required } from './env.mjs';

// Runs the native CLI; returns { status, stdout, stderr }.
export function runCli(args, { input } = {}) {
  const result = spawnSync(required(cli, 'build the native preset (make native)'), args, {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
