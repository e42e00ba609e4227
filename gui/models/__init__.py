"""Models: the state PoolScope shows, with signals; they never import a view."""
