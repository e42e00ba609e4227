"""Errors raised by the engine."""

from engine.text import Text


class PoolingError(ValueError):
    """A pooling call was given arguments it cannot honour.

    The message names the parameter at fault and the shapes involved, in the style of
    PyTorch's own messages, so it can be shown to a user as it is. Given as a template and
    its values (``PoolingError("kernel_size {kernel} ...", kernel=5)``) the message is a
    :class:`~engine.text.Text` that the window can translate; ``str(error)`` is the English.
    """

    def __init__(self, message: str, /, **arguments) -> None:
        super().__init__(Text(message, **arguments) if arguments else message)

    @property
    def message(self) -> str:
        """The message as given: a :class:`~engine.text.Text` when made from a template."""
        return self.args[0]
