// Filled by the schema module: its public exports.
export {}
