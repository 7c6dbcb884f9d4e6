// Dispatch.Media: protocol cores (sans-I/O) and the thin socket host.
