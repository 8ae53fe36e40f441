/** Worker thread of `check --jobs N`: reads and audits the files it is sent, one at a time. */
import { parentPort } from "worker_threads";
import { processFile } from "./process-file";
import type { WorkerReply, WorkerTask } from "./pool";

if (parentPort) {
  const port = parentPort;
  port.on("message", (task: WorkerTask) => {
    processFile(task.file, task.options).then((report) => port.postMessage({ id: task.id, report } satisfies WorkerReply));
  });
}
