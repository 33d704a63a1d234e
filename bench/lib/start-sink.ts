/** Starts the sink (lib/sink.ts) in a child process and resolves to its URL. */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface Sink {
  url: string
  stop(): void
}

export async function startSink(): Promise<Sink> {
  const script = fileURLToPath(new URL('./sink.ts', import.meta.url))
  const child: ChildProcess = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const line = buffer.split('\n')[0]
      if (buffer.includes('\n')) resolve(Number(line))
    })
    child.once('exit', (code) => reject(new Error(`The sink exited early (code ${code}).`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.stdin!.end()
      child.kill()
    }
  }
}
