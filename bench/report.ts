import os from 'node:os';

/** One line of the bench's table. */
export interface Row {
  figure: string;
  value: string;
  /** The baseline measured in the same run, when there is one. */
  baseline?: string;
  /** The target from issue 14, when this figure has one. */
  target?: string;
  /** Whether the target holds in this run. */
  held?: boolean;
}

/** The machine the figures were measured on, in one line per fact. */
export function describeMachine(started: Date): string[] {
  const cpus = os.cpus();
  const [one, five] = os.loadavg();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`,
    `- RAM: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB (${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at the start)`,
    `- Node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `- Date: ${started.toISOString()}; load average at the start ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min)`,
  ];
}

const escape = (text: string) => text.replace(/\|/g, '\\|');

/** The rows as one Markdown table, which reads as well in a terminal as in a viewer. */
export function renderTable(rows: Row[]): string {
  const lines = [
    '| figure | value | baseline (same run) | target | |',
    '|---|---|---|---|---|',
    ...rows.map((row) =>
      [
        row.figure,
        row.value,
        row.baseline ?? '',
        row.target ?? '',
        row.held === undefined ? '' : row.held ? 'held' : '**missed**',
      ]
        .map((cell) => escape(cell))
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
  ];
  return lines.join('\n');
}
