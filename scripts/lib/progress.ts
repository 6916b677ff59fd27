// Progress bars on stderr for the long-running scripts (seed, bench). On a terminal a bar redraws in place; in a
// log (CI, a pipe) each bar prints one line when it finishes, so logs stay readable.

export interface ProgressBar {
  /** Adds to the count done (by 1 unless told). */
  tick(count?: number): void;
  /** Marks the bar finished, whatever the count. */
  done(note?: string): void;
}

const WIDTH = 28;
const LABEL_WIDTH = 30;

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = performance.now();
  const interactive = Boolean(stream.isTTY);
  let count = 0;
  let lastDraw = 0;
  let finished = false;
  const line = (note = "") => {
    const share = total > 0 ? Math.min(1, count / total) : 1;
    const filled = Math.round(share * WIDTH);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return (
      `${label.padEnd(LABEL_WIDTH)} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ` +
      `${count.toLocaleString("en")}/${total.toLocaleString("en")} ${seconds} s${note ? ` ${note}` : ""}`
    );
  };
  const draw = (force: boolean) => {
    if (!interactive) return;
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    stream.write(`\r${line()}\x1b[K`);
  };
  draw(true);
  return {
    tick(n = 1) {
      count += n;
      draw(false);
    },
    done(note) {
      if (finished) return;
      finished = true;
      count = Math.max(count, total);
      stream.write(`${interactive ? "\r" : ""}${line(note)}${interactive ? "\x1b[K" : ""}\n`);
    },
  };
}
