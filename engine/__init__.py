"""PoolScope's pooling engine: NumPy only, exact to PyTorch, forward and backward.

Import as ``from engine import functional as F``; it never imports Qt or pyqtgraph.
"""
