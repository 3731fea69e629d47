// Preloaded into a backend that a test starts as a child process (see replica.ts): when the
// test process goes away, however it ends, the IPC channel closes and the backend exits too.
if (process.send) {
  process.on('disconnect', () => process.exit(1));
}
