// Filled by the triggers module: its public exports.
export {}
