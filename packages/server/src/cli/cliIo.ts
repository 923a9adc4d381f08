/** Where a command writes; the entry point passes the process's streams, tests capture them. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (a progress bar is drawn only then). */
  readonly stderrIsTty: boolean;
}
