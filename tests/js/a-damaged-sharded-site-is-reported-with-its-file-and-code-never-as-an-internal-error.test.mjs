// A sharded site's files come from its host (issue 9: untrusted input everywhere). `folio show`
// and `folio search` on a site with a damaged file say which file and which code, and exit 1
// like any bad input; they used to print "folio: internal error: …" (session 6, after fuzz_site
// found an id piece that escaped without a code).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { runCli } from '../support/cli.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-damaged-site-'));
after(() => rmSync(work, { recursive: true, force: true }));
const posts = path.join(work, 'posts');
mkdirSync(posts);
for (const [id, title] of [['a', '运营商'], ['b', '微信'], ['c', 'OTT']]) {
  writeFileSync(path.join(posts, `${id}.md`), `---\nid: ${id}\ntitle: ${title}\ndate: 2013-07-15\n---\n\n${title}与运营商。\n`);
}
const site = path.join(work, 'site');
const built = runCli(['build', posts, '-o', site, '--layout', 'sharded']);
assert.equal(built.status, 0, built.stderr);
const dataFile = (kind) => {
  const name = readdirSync(path.join(site, 'data')).find((file) => file.startsWith(`${kind}-`));
  assert.ok(name, `a ${kind} file`);
  return path.join(site, 'data', name);
};

test('an intact site shows its article', () => {
  const shown = runCli(['show', site, 'a']);
  assert.equal(shown.status, 0, shown.stderr);
});

test('an id piece that is not JSON is named with corpus.format, exit 1', () => {
  const ids = dataFile('ids');
  writeFileSync(ids, deflateSync(Buffer.from('[["a",0],["b"')));
  const shown = runCli(['show', site, 'a']);
  assert.equal(shown.status, 1, shown.stderr);
  assert.ok(shown.stderr.includes(`${path.basename(ids)}: corpus.format: `), shown.stderr);
  assert.ok(!/internal error/.test(shown.stderr), shown.stderr);
});

test('a pack that is not a pack is named with index.corrupt, exit 1', () => {
  const pack = dataFile('pack');
  writeFileSync(pack, Buffer.from('not a pack at all'));
  const found = runCli(['search', site, '运营商']);
  assert.equal(found.status, 1, found.stderr);
  assert.ok(found.stderr.includes(`${path.basename(pack)}: `), found.stderr);
  assert.match(found.stderr, /: (index\.corrupt|io\.unreadable): /);
  assert.ok(!/internal error/.test(found.stderr), found.stderr);
});
