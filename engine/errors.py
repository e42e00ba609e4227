"""Errors raised by the engine."""


class PoolingError(ValueError):
    """A pooling call was given arguments it cannot honour.

    The message names the parameter at fault and the shapes involved, in the style of
    PyTorch's own messages, so it can be shown to a user as it is.
    """
