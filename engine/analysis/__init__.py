"""Numbers behind the experiments that check what pooling is claimed to do (NumPy only)."""
