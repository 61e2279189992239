import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

// Writes a tree of files: { 'a/b.md': 'text', ... } under `root`.
export function writeTree(root, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}
