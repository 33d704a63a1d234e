// Generated file. DO NOT MODIFY IT BY HAND.

export interface Settings {
  /**
   * Your Pinger API key.
   */
  apiKey: string
}
