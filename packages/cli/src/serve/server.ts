/**
 * The HTTP server of `destkit serve` (node:http): routes each request, answers
 * JSON (or the page), and refuses requests addressed to another host name, so a
 * web page cannot reach the server through a DNS name of its own (DNS rebinding).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CliError } from '../util/cli-error.js'
import { answerAction, answerPreview } from './answer-action.js'
import { answerAuthenticate, answerRefreshAccessToken } from './answer-authentication.js'
import { answerDynamicField } from './answer-dynamic-field.js'
import type { Answer } from './answer.js'
import { errorAnswer } from './api-error.js'
import { describeDestination } from './describe-destination.js'
import { readPage } from './page.js'
import { readJsonBody } from './read-json-body.js'
import { matchRoute, routePrefix, type Route, type RouteTable } from './routes.js'
import type { ServedDestination } from './served-destination.js'

/** Where and what to serve. */
export interface ServerOptions {
  destinations: ServedDestination[]
  /** Default `127.0.0.1`. */
  host?: string
  /** 0 picks a free port. */
  port: number
}

/** A listening server. */
export interface RunningServer {
  /** `http://127.0.0.1:3000/` */
  url: string
  port: number
  close(): Promise<void>
}

/** Hosts that listen on every interface: any Host header is then expected. */
const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]'])

/**
 * Starts listening; resolves once the port is bound.
 *
 * @example
 * const server = await startServer({ destinations: [served], port: 0 })
 * server.url // 'http://127.0.0.1:40123/'
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const slugs = options.destinations.map((served) => served.slug)
  const bySlug = new Map(options.destinations.map((served) => [served.slug, served]))
  const table: RouteTable = {
    slugs,
    dynamicFields: (slug, actionId) => {
      const actions = bySlug.get(slug)?.current()?.destination.actions
      return actions && Object.hasOwn(actions, actionId)
        ? Object.keys(actions[actionId].definition.dynamicFields ?? {})
        : []
    }
  }
  // Known once the port is bound; no request is handled before.
  const hosts: { allowed?: ReadonlySet<string> } = {}

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      // Only a failure to write the answer lands here: the connection is gone or broken.
      response.destroy(error as Error)
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const hostHeader = request.headers.host
    const allowed = hosts.allowed
    if (allowed && hostHeader !== undefined && !allowed.has(hostHeader.toLowerCase())) {
      request.resume()
      return sendJson(response, {
        status: 403,
        body: {
          error: {
            code: 'FORBIDDEN_HOST',
            message: `This server answers requests for ${[...allowed].join(', ')}, not ${hostHeader}.`
          }
        }
      })
    }
    const method = request.method ?? 'GET'
    const pathname = new URL(request.url ?? '/', 'http://serve.invalid').pathname
    const match = matchRoute(method, pathname, table)
    if (!('route' in match)) {
      request.resume()
      const headers: Record<string, string> = match.status === 405 ? { allow: match.allow } : {}
      return sendJson(
        response,
        { status: match.status, body: { error: { code: match.code, message: match.message } } },
        headers
      )
    }
    const { route } = match
    try {
      if (route.kind === 'page') {
        request.resume()
        return sendPage(response, await readPage())
      }
      if (route.kind === 'manifest') {
        request.resume()
        const served = route.slug === undefined ? options.destinations : [bySlug.get(route.slug)!]
        return sendJson(response, {
          status: 200,
          body: { destinations: served.map((one) => describeDestination(one, routePrefix(one.slug, slugs))) }
        })
      }
      const body = await readJsonBody(request)
      return sendJson(response, await answerRoute(route, bySlug.get(route.slug)!, body))
    } catch (error) {
      if (!request.complete) request.resume()
      const failure = errorAnswer(error)
      return sendJson(response, failure)
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, options.port)))
    server.listen(options.port, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  if (!WILDCARD_HOSTS.has(host)) {
    hosts.allowed = new Set(
      ['127.0.0.1', 'localhost', '[::1]', urlHost(host)].map((name) => `${name.toLowerCase()}:${port}`)
    )
  }
  return {
    url: `http://${urlHost(WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host)}:${port}/`,
    port,
    close: () => closeServer(server)
  }
}

function answerRoute(
  route: Exclude<Route, { kind: 'page' | 'manifest' }>,
  served: ServedDestination,
  body: unknown
): Promise<Answer> {
  switch (route.kind) {
    case 'authenticate':
      return answerAuthenticate(served, body)
    case 'refreshAccessToken':
      return answerRefreshAccessToken(served, body)
    case 'action':
      return answerAction(served, route.actionId, body)
    case 'preview':
      return answerPreview(served, route.actionId, body)
    case 'dynamicField':
      return answerDynamicField(served, route.actionId, route.fieldKey, body)
  }
}

function sendJson(response: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(answer.body)
  response.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers
  })
  response.end(text)
}

function sendPage(response: ServerResponse, html: string): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // The page is self-contained: it loads nothing and talks to this server only.
    'content-security-policy':
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  })
  response.end(html)
}

/** A host as written in a URL (an IPv6 address in brackets). */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new CliError(
      `Port ${port} is already in use on ${host}: pass --port with another port, or --port 0 for any free one.`
    )
  }
  if (error.code === 'EACCES') {
    return new CliError(
      `Port ${port} on ${host} needs privileges this process lacks: pass --port above 1023.`
    )
  }
  return new CliError(`Cannot listen on ${host}:${port}: ${error.message}.`, { cause: error })
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
