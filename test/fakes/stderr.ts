/** What a piece of code writes to stderr while it runs, kept instead of printed. */
export async function captureStderr<T>(run: () => Promise<T>): Promise<{ result: T; logged: string }> {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    return { result: await run(), logged: lines.join('') };
  } finally {
    process.stderr.write = write;
  }
}
