"""What PoolScope means by "a pooling": its settings, the registry of kinds, and everything the
window, the command line and the animation ask about one (NumPy only)."""
