"""The book's two-layer network (ch. 4), mini-batch SGD, and a cached pretrained net.

Submodules (the notebooks that use them in brackets):

- ``helpers.network.model``       :class:`TwoLayerNet` (``predict``, ``loss``,
                                  ``accuracy``, ``gradient``,
                                  ``numerical_gradient``, ``loss_and_gradient``,
                                  ``check_input``, ``save``/``load``) and
                                  :func:`sigmoid` (02, 04)
- ``helpers.network.training``    :func:`train_sgd`, :class:`TrainHistory`,
                                  :func:`steps_per_epoch`, and the protocol a
                                  net must follow to be trained (04; the
                                  widgets and plots of 04)
- ``helpers.network.cache``       :func:`pretrained` and
                                  :data:`PRETRAINED_RECIPE`: the net trained
                                  once on MNIST and cached (01, 02, 03)
- ``python -m helpers.network``   prepares the pretrained net (``make data``)

Import the names from here: ``from helpers.network import TwoLayerNet``.

Nothing here touches the global ``np.random`` state; pass ``rng`` (a
Generator or an int seed).
"""

from helpers.network.cache import PRETRAINED_RECIPE, pretrained
from helpers.network.model import TwoLayerNet, sigmoid
from helpers.network.training import TrainHistory, steps_per_epoch, train_sgd

__all__ = ["TwoLayerNet", "sigmoid", "TrainHistory", "train_sgd", "steps_per_epoch",
           "pretrained", "PRETRAINED_RECIPE"]
