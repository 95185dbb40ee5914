/**
 * `npm run bench`: runs every benchmark (real host, real `claude`, fake Bot API, Chromium, real
 * PTYs; see bench/README.md), writes `bench/results/<date>.json` and `bench/results/latest.json`,
 * and rewrites the results table in `bench/README.md`.
 *
 * Options: `--only phone,page,baselines,host,scale` runs some groups (the table then shows only
 * them); `--smoke` runs each once at a tiny size and writes nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL, runSuite, SMOKE, type SuiteResult } from './suite.js';
import { met, type Figure } from './support/stats.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BEGIN = '<!-- results:begin -->';
const END = '<!-- results:end -->';

function cell(f: Figure): string[] {
  const ok = met(f);
  const target = f.target ? `${f.target.op} ${f.target.value} ${f.unit}` : '';
  const dist = f.distribution
    ? ` (n ${f.distribution.n}, p50 ${f.distribution.p50}, p95 ${f.distribution.p95}, max ${f.distribution.max})`
    : '';
  const ratio =
    f.baseline && f.baseline.value !== 0 && f.unit !== '×'
      ? `${Math.round((f.value / f.baseline.value) * 100) / 100}×`
      : '';
  return [
    f.name,
    `${f.value} ${f.unit} ${f.stat}${dist}`,
    f.baseline ? `${f.baseline.name}: ${f.baseline.value}` : '',
    ratio,
    target,
    ok === null ? '' : ok ? 'met' : '**not met**',
  ];
}

/** The Markdown table of a run. */
export function table(result: SuiteResult): string {
  const m = result.machine;
  const rows = [
    `Run ${m.date} on ${m.cores}× ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, commit ${m.commit}; ` +
      `load average ${m.loadStart} at the start, ${m.loadEnd} at the end (a shared machine).`,
    '',
    '| Figure | Value | Baseline (same run) | Ratio | Target | |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const figures of Object.values(result.groups)) {
    for (const f of figures) rows.push(`| ${cell(f).join(' | ')} |`);
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const onlyArg = args.indexOf('--only');
  const only = onlyArg >= 0 ? (args[onlyArg + 1] ?? '').split(',').filter(Boolean) : [];
  const result = await runSuite(smoke ? SMOKE : FULL, (l) => process.stderr.write(`[bench] ${l}\n`), only);
  const json = JSON.stringify(result, null, 2) + '\n';
  process.stdout.write(table(result) + '\n');
  if (smoke) return;
  const dir = path.join(HERE, 'results');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, `${result.machine.date.replace(/[:.]/g, '-')}.json`), json);
  await fs.writeFile(path.join(dir, 'latest.json'), json);
  const readmePath = path.join(HERE, 'README.md');
  const readme = await fs.readFile(readmePath, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`bench/README.md lacks the ${BEGIN} … ${END} markers`);
  await fs.writeFile(
    readmePath,
    `${readme.slice(0, start + BEGIN.length)}\n${table(result)}\n${readme.slice(end)}`,
  );
}

await main();
