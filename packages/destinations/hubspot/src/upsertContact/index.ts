import type { ActionDefinition, RequestClient } from '@destkit/core'
import { IntegrationError, MultiStatusResponse, PayloadValidationError } from '@destkit/core'
import { CONTACT_BATCH_LIMIT, HUBSPOT_API } from '../hubspot-api.js'
import type { Settings } from '../generated-types.js'
import type { Payload } from './generated-types.js'
import {
  asJson,
  contactInput,
  groupByEmail,
  readBatchResult,
  type BatchUpsertResponse,
  type ContactInput
} from './contacts.js'

const UPSERT_URL = `${HUBSPOT_API}/crm/v3/objects/contacts/batch/upsert`

/** Sends upsert inputs in one request; HubSpot answers 200, or 207 with per-contact `errors`. */
function upsert(request: RequestClient, inputs: ContactInput[]) {
  return request<BatchUpsertResponse>(UPSERT_URL, { method: 'post', json: { inputs } })
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Upsert Contact',
  description:
    'Create a HubSpot contact, or update the contact that already has this email address, with the CRM v3 batch upsert endpoint.',
  defaultSubscription: 'type = "identify"',
  fields: {
    email: {
      label: 'Email',
      description:
        'The email address that identifies the contact. A contact with this email is updated; otherwise one is created. HubSpot matches emails case-insensitively.',
      type: 'string',
      format: 'email',
      required: true,
      category: 'identifier',
      default: {
        '@if': {
          exists: { '@path': '$.traits.email' },
          then: { '@path': '$.traits.email' },
          else: { '@path': '$.properties.email' }
        }
      }
    },
    firstname: {
      label: 'First Name',
      description: "The contact's first name (HubSpot property `firstname`).",
      type: 'string',
      default: {
        '@if': {
          exists: { '@path': '$.traits.firstName' },
          then: { '@path': '$.traits.firstName' },
          else: { '@path': '$.traits.first_name' }
        }
      }
    },
    lastname: {
      label: 'Last Name',
      description: "The contact's last name (HubSpot property `lastname`).",
      type: 'string',
      default: {
        '@if': {
          exists: { '@path': '$.traits.lastName' },
          then: { '@path': '$.traits.lastName' },
          else: { '@path': '$.traits.last_name' }
        }
      }
    },
    phone: {
      label: 'Phone Number',
      description: "The contact's primary phone number (HubSpot property `phone`).",
      type: 'string',
      default: { '@path': '$.traits.phone' }
    },
    company: {
      label: 'Company Name',
      description:
        "The name of the contact's company (HubSpot property `company`, a text property: it does not associate a company record).",
      type: 'string',
      // Segment's `company` trait is an object; only its name fits this text property. (A fallback to the
      // trait itself would turn a company object without a name into an invalid contact.)
      default: { '@path': '$.traits.company.name' }
    },
    website: {
      label: 'Website',
      description: "The contact's website, a URL or a bare domain (HubSpot property `website`).",
      type: 'string',
      default: { '@path': '$.traits.website' }
    },
    lifecyclestage: {
      label: 'Lifecycle Stage',
      description:
        "The internal value of the contact's lifecycle stage: subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity, customer, evangelist or other, or the ID of a custom stage. HubSpot does not move a contact back to an earlier stage unless the stage is cleared first.",
      type: 'string'
    },
    otherProperties: {
      label: 'Other Properties',
      description:
        'More contact properties, keyed by their internal HubSpot names (e.g. `jobtitle`, or a custom property). Every key must exist in HubSpot, or HubSpot refuses the contact. Values must be strings, numbers or booleans; empty values are left out.',
      type: 'object',
      defaultObjectUI: 'keyvalue'
    },
    batch_size: {
      label: 'Batch Size',
      description:
        'The largest number of contacts sent in one batch upsert request. HubSpot accepts 100 at most.',
      type: 'integer',
      minimum: 1,
      maximum: CONTACT_BATCH_LIMIT,
      default: CONTACT_BATCH_LIMIT,
      unsafe_hidden: true
    }
  },

  perform: async (request, { payload }) => {
    const input = contactInput(payload)
    const response = await upsert(request, [input])
    const [outcome] = readBatchResult([input.id], response.data)
    if (!outcome.ok)
      throw new IntegrationError(
        `HubSpot refused the contact: ${outcome.message}`,
        outcome.code,
        outcome.status
      )
    return response
  },

  performBatch: async (request, { payload }) => {
    const results = new MultiStatusResponse()
    const items: Array<{ index: number; input: ContactInput }> = []
    payload.forEach((item, index) => {
      try {
        items.push({ index, input: contactInput(item) })
      } catch (error) {
        if (!(error instanceof PayloadValidationError)) throw error
        results.setErrorResponseAtIndex(index, {
          status: 400,
          errortype: 'PAYLOAD_VALIDATION_FAILED',
          errormessage: error.message
        })
      }
    })
    if (items.length === 0) return results

    const groups = groupByEmail(items)
    const response = await upsert(
      request,
      groups.map((group) => group.input)
    )
    const outcomes = readBatchResult(
      groups.map((group) => group.email),
      response.data
    )
    groups.forEach((group, i) => {
      const outcome = outcomes[i]
      for (const index of group.indices) {
        if (outcome.ok) {
          results.setSuccessResponseAtIndex(index, {
            status: 200,
            sent: asJson(group.input),
            body: outcome.result ? asJson(outcome.result) : 'upserted'
          })
        } else {
          results.setErrorResponseAtIndex(index, {
            status: outcome.status,
            errortype: outcome.code,
            errormessage: outcome.message,
            sent: asJson(group.input),
            ...(outcome.error && { body: asJson(outcome.error) })
          })
        }
      }
    })
    return results
  }
}

export default action
