#!/usr/bin/env python3
"""The CommonMark 0.31.2 examples through the folio CLI, judged by md4c's own normalize.py.

    python3 tests/conformance/cli_conformance.py [--cli build/native/bin/folio]
        [--spec ../shared/conformance/commonmark-spec.json] [--md4c-tests build/third_party/md4c/test]

Every example is piped into `folio render --trusted --commonmark --no-front-matter -` (trusted:
raw HTML as CommonMark says; --commonmark: no GitHub extensions and no reader extras, the HTML
the spec shows; --no-front-matter: an example starting with "---" is Markdown, not front matter)
and compared after md4c 0.4.8's test/normalize.py, as md4c's spec_tests.py does. This is the
independent cross-check of tests/conformance/conformance.cc, which runs in-process with a C++
port of the same normalization. Exit status 0 iff exactly the known examples fail.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys

KNOWN_FAILURES = {171, 354, 625, 626}  # explained in README.md, "Conformance"

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument('--cli', default=os.environ.get('FOLIO_CLI', os.path.join(root, 'build/native/bin/folio')))
parser.add_argument('--spec', default=os.path.join(
    os.environ.get('FOLIO_SHARED_DIR', os.path.join(root, '../shared')), 'conformance/commonmark-spec.json'))
parser.add_argument('--md4c-tests', default=os.environ.get(
    'FOLIO_MD4C_TEST_DIR', os.path.join(root, 'build/third_party/md4c/test')))
args = parser.parse_args()

for path, hint in ((args.cli, 'make native'), (args.spec, 'the shared data belongs at ../shared'),
                   (os.path.join(args.md4c_tests, 'normalize.py'), 'scripts/fetch-deps.sh')):
    if not os.path.exists(path):
        sys.exit(f'cli_conformance: {path} is missing ({hint})')
sys.path.insert(0, args.md4c_tests)
from normalize import normalize_html  # noqa: E402  (md4c's, from its source package)

command = [args.cli, 'render', '--trusted', '--commonmark', '--no-front-matter', '-']
examples = json.load(open(args.spec, encoding='utf-8'))


def passes(example):
    run = subprocess.run(command, input=example['markdown'].encode('utf-8'), capture_output=True, check=False)
    if run.returncode != 0:
        sys.exit(f"cli_conformance: example {example['example']}: exit {run.returncode}: {run.stderr.decode()}")
    return normalize_html(run.stdout.decode('utf-8')) == normalize_html(example['html'])


# One process per example, as md4c's spec_tests.py runs md2html; a few at a time.
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(passes, examples))
failed = [example['example'] for example, ok in zip(examples, results) if not ok]
print(f"cli_conformance: CommonMark 0.31.2 through `folio {' '.join(command[1:])}`: "
      f"{len(examples) - len(failed)} passed, {len(failed)} failed: {' '.join(map(str, failed))}")
if set(failed) != KNOWN_FAILURES:
    sys.exit(f"cli_conformance: expected exactly {sorted(KNOWN_FAILURES)} to fail")
