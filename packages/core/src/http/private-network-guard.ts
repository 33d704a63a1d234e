/**
 * The SSRF guard: refuses requests to private, loopback, link-local and other
 * non-public addresses, so a URL a customer types (a webhook target) cannot
 * reach the host's own network. The request client checks the scheme and any
 * literal address of the first URL and of every redirect, and the addresses a
 * host name resolves to where the connection resolves it (`publicOnlyLookup`),
 * so a name cannot resolve publicly when checked and privately when connecting
 * (DNS rebinding). `assertPublicUrl` can also resolve names itself, for callers
 * that check a URL before anything is sent.
 */
import { createRequire } from 'node:module'
import type { LookupAddress, LookupOptions } from 'node:dns'
import type { BlockList } from 'node:net'
import { ErrorCodes } from '../errors/error-codes.js'
import { IntegrationError } from '../errors/errors.js'

/** Resolves a host name to every address it has. */
export type ResolveHost = (hostname: string) => Promise<string[]>

// node:net and node:dns are required on first use: most destinations never need the guard, and
// loading them is part of every process's start-up otherwise.
const require = createRequire(import.meta.url)
const net = () => require('node:net') as typeof import('node:net')
const dns = () => require('node:dns') as typeof import('node:dns')
const isIP = (input: string) => net().isIP(input)

let ranges: BlockList | undefined

/** The non-public ranges, built once. */
function nonPublicRanges(): BlockList {
  if (ranges) return ranges
  const list = new (net().BlockList)()
  // IPv4: "this network", private (RFC 1918), carrier-grade NAT, loopback, link-local,
  // IETF protocol assignments, documentation, benchmarking, multicast, reserved, broadcast.
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4]
  ] as const) {
    list.addSubnet(network, prefix, 'ipv4')
  }
  // IPv6: unspecified, loopback, unique local, link-local, site-local (deprecated), multicast,
  // documentation, discard-only.
  for (const [network, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
    ['2001:db8::', 32],
    ['100::', 64]
  ] as const) {
    list.addSubnet(network, prefix, 'ipv6')
  }
  ranges = list
  return list
}

/**
 * Whether an IP address is outside the public internet (private, loopback,
 * link-local, multicast, documentation…). IPv4 addresses written inside IPv6
 * (`::ffff:10.0.0.1`, NAT64 `64:ff9b::a00:1`) are judged by their IPv4 part.
 * A string that is not an IP address is not private.
 *
 * @example
 * isPrivateAddress('10.1.2.3') // true
 * isPrivateAddress('::ffff:127.0.0.1') // true
 * isPrivateAddress('8.8.8.8') // false
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const family = isIP(bare)
  if (family === 4) return nonPublicRanges().check(bare, 'ipv4')
  if (family !== 6) return false
  const embedded = embeddedIpv4(bare)
  if (embedded !== undefined) return nonPublicRanges().check(embedded, 'ipv4')
  return nonPublicRanges().check(bare, 'ipv6')
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address.toLowerCase())
  if (!groups) return undefined
  const leadingZeros = groups.slice(0, 5).every((group) => group === 0)
  const mapped = leadingZeros && groups[5] === 0xffff
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)
  // `::a.b.c.d` (deprecated IPv4-compatible), but not `::` and `::1`, which are IPv6's own.
  const compatible = leadingZeros && groups[5] === 0 && (groups[6] !== 0 || groups[7] > 1)
  if (!mapped && !nat64 && !compatible) return undefined
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.')
}

/** Eight 16-bit groups of an IPv6 address (which may end in dotted IPv4). */
function expandIpv6(address: string): number[] | undefined {
  let text = address.split('%')[0]
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const bytes = dotted[1].split('.').map(Number)
    text =
      text.slice(0, -dotted[1].length) +
      ((bytes[0] << 8) | bytes[1]).toString(16) +
      ':' +
      ((bytes[2] << 8) | bytes[3]).toString(16)
  }
  const [head, tail] = text.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail ? tail.split(':') : []
  const missing = 8 - headGroups.length - tailGroups.length
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups]
  return groups.map((group) => Number.parseInt(group, 16))
}

function refusal(hostname: string, address: string): IntegrationError {
  const named = hostname === address ? `address ${address}` : `"${hostname}", which resolves to ${address}`
  const error = new IntegrationError(
    `Refused to send a request to ${named}: it is a private, loopback or link-local address. ` +
      'Allow private networks in the destination settings to reach it.',
    ErrorCodes.PRIVATE_NETWORK_REFUSED,
    400
  )
  error.retry = false
  return error
}

const resolveWithDns: ResolveHost = async (hostname) =>
  (await dns().promises.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address)

/**
 * Checks a URL before it is requested: its scheme must be http or https, and its
 * host must not be, or resolve to, a non-public address. A host name that does
 * not resolve passes: the request itself then fails with the lookup error, and
 * the connect-time check still guards what it connects to.
 *
 * @example
 * await assertPublicUrl('http://169.254.169.254/latest/meta-data') // throws PRIVATE_NETWORK_REFUSED
 * await assertPublicUrl('https://hooks.example.com/in') // resolves when every address is public
 */
export async function assertPublicUrl(
  url: string | URL,
  resolveHost: ResolveHost = resolveWithDns
): Promise<void> {
  const parsed = typeof url === 'string' ? new URL(url) : url
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    const error = new IntegrationError(
      `Refused to send a request with the "${parsed.protocol.slice(0, -1)}" scheme: only http and https URLs are allowed.`,
      ErrorCodes.PRIVATE_NETWORK_REFUSED,
      400
    )
    error.retry = false
    throw error
  }
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname
  if (isIP(hostname)) {
    if (isPrivateAddress(hostname)) throw refusal(hostname, hostname)
    return
  }
  let addresses: string[]
  try {
    addresses = await resolveHost(hostname)
  } catch {
    return
  }
  const privateAddress = addresses.find(isPrivateAddress)
  if (privateAddress !== undefined) throw refusal(hostname, privateAddress)
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void

/**
 * A `dns.lookup` replacement for the connection itself: it fails with
 * `PRIVATE_NETWORK_REFUSED` when a name resolves to a non-public address, so the
 * socket never opens.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions | number | LookupCallback,
  callback?: LookupCallback
): void {
  const done = (typeof options === 'function' ? options : callback) as LookupCallback
  const lookupOptions: LookupOptions =
    typeof options === 'function' ? {} : typeof options === 'number' ? { family: options } : options
  dns().lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
    if (error) return done(error, lookupOptions.all ? [] : '')
    const privateAddress = addresses.find((entry) => isPrivateAddress(entry.address))
    if (privateAddress) return done(refusal(hostname, privateAddress.address) as never, '')
    if (lookupOptions.all) return done(null, addresses)
    done(null, addresses[0].address, addresses[0].family)
  })
}
