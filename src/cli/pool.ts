/** Runs processFile over many files, in this thread (jobs = 1) or spread over worker threads. */
import * as path from "path";
import { Worker } from "worker_threads";
import { processFile, type ProcessOptions } from "./process-file";
import { errorReport, type FileReport } from "./report";

export interface FileTask {
  file: string;
  options: ProcessOptions;
}

export interface WorkerTask extends FileTask {
  id: number;
}

export interface WorkerReply {
  id: number;
  report: FileReport;
}

/**
 * Processes `tasks` with at most `jobs` workbooks at a time (this thread and jobs − 1 worker
 * threads); the reports come back in the order of `tasks`. `onDone` is called as each one
 * finishes (for the progress bar).
 */
export async function runTasks(tasks: FileTask[], jobs: number, onDone: (report: FileReport, index: number) => void = () => {}): Promise<FileReport[]> {
  const reports: FileReport[] = new Array(tasks.length);
  if (jobs <= 1 || tasks.length <= 1) {
    for (let i = 0; i < tasks.length; i++) {
      reports[i] = await processFile(tasks[i].file, tasks[i].options);
      onDone(reports[i], i);
    }
    return reports;
  }

  return new Promise<FileReport[]>((resolve) => {
    let next = 0;
    let finished = 0;
    const workers = new Set<Worker>();

    const complete = (id: number, report: FileReport) => {
      reports[id] = report;
      finished++;
      onDone(report, id);
      if (finished === tasks.length) {
        for (const w of workers) void w.terminate();
        resolve(reports);
      }
    };

    const start = () => {
      const worker = startWorker();
      workers.add(worker);
      let current: number | undefined;
      const feed = () => {
        if (next >= tasks.length) {
          current = undefined;
          workers.delete(worker);
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ id: current, ...tasks[current] } satisfies WorkerTask);
      };
      worker.on("message", (reply: WorkerReply) => {
        complete(reply.id, reply.report);
        feed();
      });
      // A worker that dies (out of memory, a crash) fails only the file it was on; a new one takes over.
      let failed = false;
      const fail = (reason: string) => {
        if (failed) return;
        failed = true;
        workers.delete(worker);
        const id = current;
        current = undefined;
        if (id !== undefined) complete(id, errorReport(tasks[id].file, `审核此文件时出错（${reason}）。其余文件照常审核。`, "internal"));
        if (next < tasks.length) start();
      };
      worker.on("error", (e) => fail(e instanceof Error ? e.message : String(e)));
      worker.on("exit", (code) => {
        if (current !== undefined) fail(`工作线程意外退出，退出码 ${code}`);
      });
      feed();
    };

    // This thread takes files too: jobs = 2 is this thread and one worker. A worker costs a
    // second start-up (modules, JIT) that this already warm thread does not.
    const local = async () => {
      while (next < tasks.length) {
        const id = next++;
        const report = await processFile(tasks[id].file, tasks[id].options);
        complete(id, report);
        // Let the workers' messages in between two files.
        await new Promise((r) => setImmediate(r));
      }
    };
    const count = Math.min(jobs, tasks.length) - 1;
    for (let i = 0; i < count; i++) start();
    void local();
  });
}

/** A worker running ./worker: compiled JavaScript directly, TypeScript sources through tsx. */
function startWorker(): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker${ext}`);
  if (ext === ".js") return new Worker(entry);
  const tsx = require.resolve("tsx/cjs/api");
  const code = `if (!require.extensions[".ts"]) require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true });
}
