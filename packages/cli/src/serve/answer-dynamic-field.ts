/**
 * `POST <prefix>/<actionId>/<dynamicField>`: the choices a dynamic field offers
 * (a list of the account's lists, say), fetched with the settings posted.
 */
import { createRedactor, suggestionSuffix, summarizeResponse } from '@destkit/core'
import { ApiError, errorAnswer } from './api-error.js'
import { bodyObject, invalidRequest, optionalAuth, parseSettings } from './action-input.js'
import { requireAction, requireLoaded, type Answer } from './answer.js'
import { redactValue, secretValues } from './secrets.js'
import type { ServedDestination } from './served-destination.js'

/**
 * Body `{ settings, payload?, auth?, page?, dynamicFieldContext? }`. 200
 * `{ choices, nextPage?, requests }`; 502 with `{ choices, error, requests }` when the
 * function answered with an error; 404 when the action has no such dynamic field.
 *
 * @example
 * await answerDynamicField(served, 'addToList', 'list_id', { settings }) // { status: 200, body: { choices: [...] } }
 */
export async function answerDynamicField(
  served: ServedDestination,
  actionId: string,
  fieldKey: string,
  body: unknown
): Promise<Answer> {
  const loaded = requireLoaded(served)
  const action = requireAction(loaded, actionId)
  const dynamicFields = Object.keys(action.definition.dynamicFields ?? {})
  if (!dynamicFields.includes(fieldKey)) {
    const known = dynamicFields.length > 0 ? suggestionSuffix(fieldKey, dynamicFields) : ' (it has none)'
    throw new ApiError(
      404,
      'DYNAMIC_FIELD_NOT_FOUND',
      `The action '${actionId}' has no dynamic field '${fieldKey}'${known}.`
    )
  }
  const members = bodyObject(body)
  const settings = parseSettings(members.settings)
  const { auth } = optionalAuth(members.auth)
  if (members.page !== undefined && typeof members.page !== 'string')
    throw invalidRequest('"page" must be a string.')
  const context = members.dynamicFieldContext
  if (context !== undefined && (typeof context !== 'object' || context === null || Array.isArray(context))) {
    throw invalidRequest('"dynamicFieldContext" must be an object.')
  }
  const redact = createRedactor(
    secretValues(loaded.definition.authentication?.fields, settings, auth, action.fields, [members.payload])
  )
  const recorded = await served.recording(() =>
    loaded.destination.executeDynamicField(actionId, fieldKey, {
      settings,
      payload: members.payload ?? {},
      ...(auth && { auth }),
      ...(typeof members.page === 'string' && { page: members.page }),
      ...(context !== undefined && { dynamicFieldContext: context as Record<string, unknown> })
    })
  )
  const requests = recorded.responses.map((response) => summarizeResponse(response, { redactor: redact }))
  if (recorded.error !== undefined) {
    const failure = errorAnswer(recorded.error)
    return { status: failure.status, body: redactValue({ ...failure.body, requests }, redact) }
  }
  const answer = recorded.value!
  return { status: answer.error ? 502 : 200, body: redactValue({ ...answer, requests }, redact) }
}
