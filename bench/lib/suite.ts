/** What every benchmark suite in `bench/suites/` exports as its default. */
export interface SuiteResult {
  /** The section heading in RESULTS.md. */
  title: string
  /** Markdown: a table of figures and ratios, and the targets with PASS/MISS. */
  markdown: string
  /** Whether every target of the suite was met. */
  targetsMet: boolean
}

export type Suite = () => Promise<SuiteResult>
