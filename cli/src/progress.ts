/** A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPct = -1;
  return {
    update(done: number, total: number) {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (pct === lastPct) return;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% (${done}/${total})`);
        if (done >= total) stream.write('\n');
      } else if (Math.floor(pct / 10) !== Math.floor(lastPct / 10) || done >= total) {
        stream.write(`${label}: ${pct}% (${done}/${total})\n`);
      }
      lastPct = pct;
    },
  };
}
