import { withRetries, defaultRetryPolicy } from '../retry.js'
import { IntegrationError, RetryableError, classifyError } from '../../index.js'

function failingWith(errors: unknown[], value = 'done') {
  const calls: number[] = []
  const attempt = async () => {
    calls.push(Date.now())
    const error = errors.shift()
    if (error) throw error
    return value
  }
  return { attempt, calls }
}

function retryAfter(ms: number): RetryableError {
  const error = new RetryableError('slow down', 429)
  error.retryAfterMs = ms
  return error
}

describe('withRetries', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('retries transient failures with exponential backoff inside the default policy', async () => {
    const { attempt, calls } = failingWith([new RetryableError(), new RetryableError(), new RetryableError()])
    const pending = withRetries(attempt, defaultRetryPolicy)
    await vi.advanceTimersByTimeAsync(99)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(199)
    expect(calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    const result = await pending
    expect(calls).toHaveLength(3)
    expect(result).toMatchObject({ ok: false, attempts: 3 })
    expect(calls[1] - calls[0]).toBe(100)
    expect(calls[2] - calls[1]).toBe(200)
  })

  it('returns the value and the attempt count once an attempt succeeds', async () => {
    const { attempt } = failingWith([new RetryableError()])
    const pending = withRetries(attempt)
    await vi.advanceTimersByTimeAsync(100)
    await expect(pending).resolves.toEqual({ ok: true, value: 'done', attempts: 2 })
  })

  it('does not retry a permanent failure', async () => {
    const { attempt, calls } = failingWith([new IntegrationError('nope', 'BAD', 400)])
    const result = await withRetries(attempt)
    expect(calls).toHaveLength(1)
    expect(result.ok).toBe(false)
  })

  it('waits for a Retry-After that fits inside the budget', async () => {
    const { attempt, calls } = failingWith([retryAfter(1_500)])
    const pending = withRetries(attempt)
    await vi.advanceTimersByTimeAsync(1_499)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await expect(pending).resolves.toMatchObject({ ok: true, attempts: 2 })
    expect(calls[1] - calls[0]).toBe(1_500)
  })

  it('gives up at once when the Retry-After does not fit inside the budget', async () => {
    const { attempt, calls } = failingWith([retryAfter(3_600_000)])
    const result = await withRetries(attempt)
    expect(calls).toHaveLength(1)
    expect(result.ok).toBe(false)
    expect(classifyError((result as { error: unknown }).error).retryAfterMs).toBe(3_600_000)
  })

  it('stops at once when the signal is aborted while waiting', async () => {
    const controller = new AbortController()
    const { attempt, calls } = failingWith([new RetryableError(), new RetryableError()])
    const pending = withRetries(attempt, { ...defaultRetryPolicy, minTimeout: 1_000 }, controller.signal)
    await vi.advanceTimersByTimeAsync(10)
    controller.abort()
    const result = await pending
    expect(calls).toHaveLength(1)
    expect(result.ok).toBe(false)
    expect(classifyError((result as { error: unknown }).error).code).toBe('ABORTED')
  })

  it.each([
    ['an Error', new Error('worker shutting down')],
    ['a string', 'shutdown']
  ])('classifies an abort with %s as its reason as a retryable ABORTED', async (_kind, reason) => {
    const controller = new AbortController()
    const { attempt } = failingWith([new RetryableError(), new RetryableError()])
    const pending = withRetries(attempt, { ...defaultRetryPolicy, minTimeout: 1_000 }, controller.signal)
    await vi.advanceTimersByTimeAsync(10)
    controller.abort(reason)
    const result = await pending
    expect(result.ok).toBe(false)
    expect(classifyError((result as { error: unknown }).error)).toMatchObject({
      status: 'retryable',
      code: 'ABORTED'
    })
  })

  it('does not wait for a Retry-After after the last attempt', async () => {
    const { attempt, calls } = failingWith([retryAfter(1_000), retryAfter(1_000), retryAfter(1_000)])
    const pending = withRetries(attempt, { ...defaultRetryPolicy, retries: 1 })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(calls).toHaveLength(2)
    // The second failure was the last attempt: the result is there without another second passing.
    const settled = await Promise.race([pending, Promise.resolve('still waiting')])
    expect(settled).toMatchObject({ ok: false, attempts: 2 })
  })

  it('never calls the attempt when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const { attempt, calls } = failingWith([])
    const result = await withRetries(attempt, defaultRetryPolicy, controller.signal)
    expect(calls).toHaveLength(0)
    expect(result).toMatchObject({ ok: false, attempts: 0 })
  })

  it('wraps a non-error throw so it is still classified', async () => {
    const result = await withRetries(async () => {
      throw 'just a string'
    })
    expect(result.ok).toBe(false)
    expect(classifyError((result as { error: unknown }).error).message).toContain('just a string')
  })
})
