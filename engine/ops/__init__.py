"""The pooling operations themselves, named and shaped as ``torch.nn.functional``'s.

NumPy and the standard library only: these modules know nothing of PoolScope's kinds
(:mod:`engine.pooling`) nor of files (:mod:`engine.io`). The torch-named API is gathered in
:mod:`engine.functional`; the extra kinds live in one module each here.
"""
