// Reads md4c-format spec files (see tests/spec_test.cc for the format).
const fence = '`'.repeat(32);

export function readExamples(text) {
  const examples = [];
  let current = null;
  let part = 0;
  text.split('\n').forEach((line, index) => {
    if (!current && line === `${fence} example`) {
      current = { line: index + 1, number: examples.length + 1, parts: ['', '', ''] };
      part = 0;
    } else if (current && line === fence) {
      const [input, expected, options] = current.parts.map((p) => p.replaceAll('→', '\t'));
      examples.push({ line: current.line, number: current.number, input, expected, options });
      current = null;
    } else if (current && line === '.') {
      part += 1;
    } else if (current) {
      current.parts[Math.min(part, 2)] += `${line}\n`;
    }
  });
  if (current) throw new Error(`example at line ${current.line} is never closed`);
  return examples;
}
