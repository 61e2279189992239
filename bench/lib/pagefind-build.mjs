// Builds a Pagefind bundle in a process of its own, so that the scale benchmark (lib/scale.mjs)
// can time it. Pagefind's Node API runs its binary as a child of this process and does not wait
// for it to exit, so GNU time does not see the binary's CPU time or memory: they are read from
// /proc while it runs (every 100 ms; the last tenth of a second may be missed, a lower bound).
// Prints {"ms": …, "cpuSec": …, "peakRssBytes": …}: the build as buildPagefind times it, this
// process's CPU time plus its children's, and the largest resident set of any of them.
// Pagefind holds its whole index in memory (3 GiB resident for 10k synthetic Chinese articles on
// 2026-11-27): past the memory budget (60 % of the machine's memory unless FOLIO_BENCH_PAGEFIND_MEMORY
// gives bytes) the binary is killed and the build fails saying how far it got, rather than
// letting the kernel's OOM killer pick a victim among other people's processes.
//
//   node bench/lib/pagefind-build.mjs <docs.jsonl: {key, docs: count}, then { id, title, author, text } a line> <outDir>
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { buildPagefind } from './pagefind.mjs';

const [docsFile, outDir] = process.argv.slice(2);
if (!docsFile || !outDir) {
  console.error('usage: node bench/lib/pagefind-build.mjs <docs.jsonl> <outDir>');
  process.exit(2);
}

const budget = Number(process.env.FOLIO_BENCH_PAGEFIND_MEMORY) || Math.floor(os.totalmem() * 0.6);
const progress = { added: 0 };
let docCount = 0;
const ticksPerSecond = 100; // USER_HZ on Linux
const children = new Map(); // pid -> { cpuSec, hwmBytes }, the latest reading
function sampleChildren() {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      // utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after the command name.
      const cpuSec = fields.slice(11, 15).reduce((a, t) => a + Number(t), 0) / ticksPerSecond;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      children.set(pid, { cpuSec, hwmBytes: hwmKb * 1024 });
      if (rssKb * 1024 > budget) {
        process.kill(Number(pid), 'SIGKILL');
        const gib = (b) => (b / 2 ** 30).toFixed(1);
        console.error(`Pagefind's build stopped: its binary reached ${gib(rssKb * 1024)} GiB resident, over the ` +
          `${gib(budget)} GiB budget, after ${progress.added} of ${docCount} records`);
        process.exit(3);
      }
    } catch {
      // gone meanwhile
    }
  }
}
const timer = setInterval(sampleChildren, 100);
// Line by line (lib/scale.mjs writes them so): at 300k articles the file is over 512 MiB, more
// than one string can hold.
const docs = [];
let header = null;
for await (const line of createInterface({ input: createReadStream(docsFile), crlfDelay: Infinity })) {
  if (!line) continue;
  if (header) docs.push(JSON.parse(line));
  else header = JSON.parse(line);
}
if (!header || header.docs !== docs.length) {
  console.error(`${docsFile}: ${docs.length} documents where its first line says ${header?.docs}`);
  process.exit(2);
}
docCount = docs.length;
const ms = await buildPagefind(docs, outDir, progress);
clearInterval(timer);
const own = process.cpuUsage();
const childList = [...children.values()];
process.stdout.write(`${JSON.stringify({
  ms,
  cpuSec: (own.user + own.system) / 1e6 + childList.reduce((a, c) => a + c.cpuSec, 0),
  peakRssBytes: Math.max(process.resourceUsage().maxRSS * 1024, ...childList.map((c) => c.hwmBytes)),
})}\n`);
