// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The name of the event.
   */
  name: string
  /**
   * The user ID.
   */
  userId?: string
  /**
   * Event properties.
   */
  properties?: {
    [k: string]: unknown
  }
  /**
   * Send to the sandbox.
   */
  sandbox?: boolean
}
