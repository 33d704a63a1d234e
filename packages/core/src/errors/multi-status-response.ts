/**
 * Per-event results of a batch: `performBatch` returns one to say which events
 * of the batch succeeded and which failed, index by index.
 */
import type { JSONLikeObject } from '../util/json.js'

/** A successful event of a batch. */
export interface ActionDestinationSuccessResponseType {
  status: number
  sent: JSONLikeObject | string
  body: JSONLikeObject | string
}

/** A failed event of a batch. */
export interface ActionDestinationErrorResponseType {
  status: number
  errortype?: string
  errormessage: string
  sent?: JSONLikeObject | string
  body?: JSONLikeObject | string
  /** destkit: how long the API asked to wait before this event is sent again (a retryable status only). */
  retryAfterMs?: number
}

/** Who reported a batch error: the destination's API, or the runtime. */
export enum MultiStatusErrorReporter {
  INTEGRATIONS = 'INTEGRATIONS',
  DESTINATION = 'DESTINATION'
}

/** A success entry of a `MultiStatusResponse`. */
export class ActionDestinationSuccessResponse {
  readonly data: ActionDestinationSuccessResponseType
  constructor(data: ActionDestinationSuccessResponseType) {
    this.data = data
  }
  value(): ActionDestinationSuccessResponseType {
    return this.data
  }
}

/** An error entry of a `MultiStatusResponse`. */
export class ActionDestinationErrorResponse {
  readonly data: ActionDestinationErrorResponseType
  constructor(data: ActionDestinationErrorResponseType) {
    this.data = data
  }
  value(): ActionDestinationErrorResponseType {
    return this.data
  }
}

type Entry = ActionDestinationSuccessResponse | ActionDestinationErrorResponse

/**
 * The per-event results of one batch request.
 *
 * @example
 * const results = new MultiStatusResponse()
 * payloads.forEach((payload, i) => {
 *   const problem = body.errors[i]
 *   if (problem) results.setErrorResponseAtIndex(i, { status: 400, errormessage: problem.message })
 *   else results.setSuccessResponseAtIndex(i, { status: 200, sent: payload, body: 'accepted' })
 * })
 * return results
 */
export class MultiStatusResponse {
  private responses: Array<Entry | undefined> = []

  /** How many entries there are, gaps included (a method, as in the compatible API). */
  length(): number {
    return this.responses.length
  }

  pushSuccessResponse(
    response: ActionDestinationSuccessResponseType | ActionDestinationSuccessResponse
  ): void {
    this.responses.push(toSuccess(response))
  }

  pushErrorResponse(response: ActionDestinationErrorResponseType | ActionDestinationErrorResponse): void {
    this.responses.push(toError(response))
  }

  pushResponseObject(response: Entry): void {
    this.responses.push(response)
  }

  setSuccessResponseAtIndex(
    index: number,
    response: ActionDestinationSuccessResponseType | ActionDestinationSuccessResponse
  ): void {
    this.responses[index] = toSuccess(response)
  }

  setErrorResponseAtIndex(
    index: number,
    response: ActionDestinationErrorResponseType | ActionDestinationErrorResponse
  ): void {
    this.responses[index] = toError(response)
  }

  unsetResponseAtIndex(index: number): void {
    this.responses[index] = undefined
  }

  getResponseAtIndex(index: number): Entry | undefined {
    return this.responses[index]
  }

  isSuccessResponseAtIndex(index: number): boolean {
    return this.responses[index] instanceof ActionDestinationSuccessResponse
  }

  isErrorResponseAtIndex(index: number): boolean {
    return this.responses[index] instanceof ActionDestinationErrorResponse
  }

  getAllResponses(): Array<Entry | undefined> {
    return this.responses
  }
}

function toSuccess(
  response: ActionDestinationSuccessResponseType | ActionDestinationSuccessResponse
): ActionDestinationSuccessResponse {
  return response instanceof ActionDestinationSuccessResponse
    ? response
    : new ActionDestinationSuccessResponse(response)
}

function toError(
  response: ActionDestinationErrorResponseType | ActionDestinationErrorResponse
): ActionDestinationErrorResponse {
  return response instanceof ActionDestinationErrorResponse
    ? response
    : new ActionDestinationErrorResponse(response)
}
