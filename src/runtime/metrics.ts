/** Counters the bot keeps for /metrics, in Prometheus' text format. */
export class Metrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly help = new Map<string, string>();
  private readonly gauges = new Map<string, () => number>();

  counter(name: string, help: string): void {
    this.help.set(name, help);
    if (!this.counters.has(name)) this.counters.set(name, new Map());
  }

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const series = this.counters.get(name);
    if (!series) throw new Error(`unknown counter ${name}`);
    const key = Object.entries(labels)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
      .join(',');
    series.set(key, (series.get(key) ?? 0) + by);
  }

  gauge(name: string, help: string, read: () => number): void {
    this.help.set(name, help);
    this.gauges.set(name, read);
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${this.help.get(name)}`, `# TYPE ${name} counter`);
      for (const [labels, value] of series) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    }
    for (const [name, read] of this.gauges) {
      let value: number;
      try {
        value = read();
      } catch {
        value = NaN;
      }
      lines.push(`# HELP ${name} ${this.help.get(name)}`, `# TYPE ${name} gauge`, `${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
