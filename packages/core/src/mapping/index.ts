// Filled by the mapping module: its public exports.
export {}
