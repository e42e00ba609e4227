"""A small convolutional network in NumPy, whose pooling layer is PoolScope's own.

:mod:`functional` holds the operations (``conv2d``, ``linear``, ``relu``, ``cross_entropy``,
each with its backward), :mod:`layers` the layers that wrap them (the pooling layer calls the
registry's kinds), :mod:`architecture` the article's network and its twins, :mod:`summary` the
Keras-style ``model.summary()``, :mod:`model` the forward and backward of a whole network,
:mod:`training` Adam and the training loop. These are NumPy only; :mod:`files` (``.npz``
weights) and :mod:`report` (the headless ``--train`` command) add files and the generated digits.
"""
