"""A network's weights in an ``.npz`` file, written atomically.

The file holds one array per weight (``conv2d.weight`` ...) and the architecture as JSON text
(a string array, so loading never needs pickle).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from engine.io.export import ExportError, write_atomically
from engine.network.model import Network, network_arrays, network_from_arrays


def save_network(path: str | os.PathLike, network: Network) -> None:
    """Write the weights and the architecture to ``path`` (``.npz``) in one step.

    Raises
    ------
    ExportError
        If the folder does not exist or is not writable; no partial file is left.
    """
    path = Path(path)
    if path.suffix.lower() != ".npz":
        raise ExportError(f"Network weights are saved as .npz, not '{path.suffix or path.name}'.")
    arrays = network_arrays(network)
    write_atomically(path, lambda temporary: np.savez(temporary, **arrays))


def load_network(path: str | os.PathLike) -> Network:
    """The network :func:`save_network` wrote.

    Raises
    ------
    ValueError
        Naming the file, when it cannot be read or is not a PoolScope network.
    """
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return network_from_arrays(arrays)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError) as error:
        raise ValueError(f"Cannot load a network from '{path}': {error}") from None
