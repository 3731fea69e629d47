// Preloaded into the portal backend (`node --require`): the backend runs in its own process
// group so it can be stopped as a whole, which also means no terminal signal reaches it. If the
// process that started it dies without stopping it (SIGKILL, crash), exit instead of holding
// the port on a shared machine.
const parentPid = process.ppid;

setInterval(() => {
  if (process.ppid !== parentPid) {
    process.kill(process.pid, 'SIGTERM');
  }
}, 1000).unref();
