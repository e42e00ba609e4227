"""The Experiments tab: one module per claim made about pooling, each checked on the loaded
image with the engine (``engine.analysis``) and the registry's kinds."""
