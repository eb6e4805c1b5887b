/**
 * Resolves on the first Ctrl-C (SIGINT) or SIGTERM, for a command that serves
 * until stopped. A second Ctrl-C while the caller shuts down forces the exit
 * (130), so a stuck shutdown never traps the user.
 */
export function waitForStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
