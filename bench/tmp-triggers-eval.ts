import triggersSuite from './suites/triggers.ts'
const result = await triggersSuite()
console.log(result.markdown)
