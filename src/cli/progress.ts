/** Progress bar for batch checks: on stderr, and only when stderr is a terminal. */
import { SingleBar } from "cli-progress";

export interface Progress {
  tick(file: string): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { tick() {}, stop() {} };

export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

/** Shorten a file name for the bar, keeping its end (the name, the extension). */
function shortName(file: string, max = 40): string {
  const name = file.replace(/^.*[\\/]/, "");
  return name.length <= max ? name : `…${name.slice(name.length - max + 1)}`;
}

export function createProgress(total: number, stream: ProgressStream = process.stderr, enabled = stream.isTTY === true): Progress {
  if (!enabled || total === 0) return NO_PROGRESS;
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: "审核 {bar} {value}/{total} {percentage}% | 剩余 {eta_formatted} | {file}",
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
  });
  bar.start(total, 0, { file: "" });
  return {
    tick(file) {
      bar.increment(1, { file: shortName(file) });
    },
    stop() {
      bar.stop();
    },
  };
}
