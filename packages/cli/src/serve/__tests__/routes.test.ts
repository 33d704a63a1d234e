import { matchRoute, routePrefix, type RouteTable } from '../routes.js'

const one: RouteTable = { slugs: ['acme'] }
const several: RouteTable = { slugs: ['acme', 'slack'] }

describe('matchRoute with one destination (routes at the root)', () => {
  it.each([
    ['GET', '/', { kind: 'page' }],
    ['GET', '/manifest', { kind: 'manifest', slug: 'acme' }],
    ['HEAD', '/manifest', { kind: 'manifest', slug: 'acme' }],
    ['POST', '/authenticate', { kind: 'authenticate', slug: 'acme' }],
    ['POST', '/refreshAccessToken', { kind: 'refreshAccessToken', slug: 'acme' }],
    ['POST', '/track', { kind: 'action', slug: 'acme', actionId: 'track' }],
    ['POST', '/track/', { kind: 'action', slug: 'acme', actionId: 'track' }],
    ['POST', '/track/preview', { kind: 'preview', slug: 'acme', actionId: 'track' }],
    [
      'POST',
      '/track/list_id',
      { kind: 'dynamicField', slug: 'acme', actionId: 'track', fieldKey: 'list_id' }
    ],
    [
      'POST',
      '/send%20it/field%2Fkey',
      { kind: 'dynamicField', slug: 'acme', actionId: 'send it', fieldKey: 'field/key' }
    ]
  ])('%s %s', (method, path, route) => {
    expect(matchRoute(method, path, one)).toEqual({ route })
  })

  it('does not take the slug as a prefix: /acme/track is the dynamic field "track" of an action "acme"', () => {
    expect(matchRoute('POST', '/acme/track', one)).toEqual({
      route: { kind: 'dynamicField', slug: 'acme', actionId: 'acme', fieldKey: 'track' }
    })
  })

  it('lets a dynamic field named "preview" win over the preview route', () => {
    const table: RouteTable = {
      slugs: ['acme'],
      dynamicFields: (_slug, actionId) => (actionId === 'track' ? ['preview'] : [])
    }
    expect(matchRoute('POST', '/track/preview', table)).toEqual({
      route: { kind: 'dynamicField', slug: 'acme', actionId: 'track', fieldKey: 'preview' }
    })
    expect(matchRoute('POST', '/other/preview', table)).toEqual({
      route: { kind: 'preview', slug: 'acme', actionId: 'other' }
    })
  })

  it('keeps the reserved names over actions of the same id', () => {
    expect(matchRoute('POST', '/authenticate', one)).toEqual({
      route: { kind: 'authenticate', slug: 'acme' }
    })
    expect(matchRoute('POST', '/manifest', one)).toMatchObject({ status: 405, allow: 'GET, HEAD' })
  })

  it('answers 405 with the allowed methods for a wrong method', () => {
    expect(matchRoute('GET', '/track', one)).toEqual({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      message: 'This route answers POST only, not GET.',
      allow: 'POST'
    })
    expect(matchRoute('DELETE', '/', one)).toMatchObject({ status: 405, allow: 'GET, HEAD' })
  })

  it('answers 404 for deeper paths and broken encoding', () => {
    expect(matchRoute('POST', '/track/list_id/more', one)).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No route POST /track/list_id/more: try GET /manifest for the routes of acme.'
    })
    expect(matchRoute('POST', '/%E0%A4%A', one)).toMatchObject({ status: 404, code: 'NOT_FOUND' })
  })
})

describe('matchRoute with several destinations (routes prefixed by slug)', () => {
  it.each([
    ['GET', '/', { kind: 'page' }],
    ['GET', '/manifest', { kind: 'manifest' }],
    ['GET', '/slack/manifest', { kind: 'manifest', slug: 'slack' }],
    ['POST', '/slack/authenticate', { kind: 'authenticate', slug: 'slack' }],
    ['POST', '/acme/refreshAccessToken', { kind: 'refreshAccessToken', slug: 'acme' }],
    ['POST', '/slack/postMessage', { kind: 'action', slug: 'slack', actionId: 'postMessage' }],
    ['POST', '/slack/postMessage/preview', { kind: 'preview', slug: 'slack', actionId: 'postMessage' }],
    [
      'POST',
      '/acme/track/list_id',
      { kind: 'dynamicField', slug: 'acme', actionId: 'track', fieldKey: 'list_id' }
    ]
  ])('%s %s', (method, path, route) => {
    expect(matchRoute(method, path, several)).toEqual({ route })
  })

  it('answers 404 for an unknown slug, suggesting the closest', () => {
    expect(matchRoute('POST', '/slak/postMessage', several)).toEqual({
      status: 404,
      code: 'DESTINATION_NOT_FOUND',
      message:
        'No destination "slak" is served here (did you mean "slack"?): the routes of each destination start with its slug (/acme/, /slack/).'
    })
  })

  it('answers 404 for an unprefixed action and for a bare slug', () => {
    expect(matchRoute('POST', '/authenticate', several)).toMatchObject({
      status: 404,
      code: 'DESTINATION_NOT_FOUND'
    })
    expect(matchRoute('GET', '/slack', several)).toMatchObject({
      status: 404,
      message: 'No route GET /slack/: try GET /slack/manifest for the routes of slack.'
    })
  })
})

describe('routePrefix', () => {
  it('is empty for one destination and the slug for several', () => {
    expect(routePrefix('acme', ['acme'])).toBe('')
    expect(routePrefix('acme', ['acme', 'slack'])).toBe('/acme')
  })
})
