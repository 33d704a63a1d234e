/**
 * The HTTP sink of the end-to-end benchmark: a separate process on 127.0.0.1
 * that reads each request body and answers 200 {"ok":true}. It prints its port
 * on stdout and exits when its parent goes away.
 */
import http from 'node:http'

const body = Buffer.from('{"ok":true}')
const server = http.createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
    response.end(body)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`)
})
process.on('disconnect', () => process.exit(0))
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
