"""Adam, as ``torch.optim.Adam`` with its defaults (no weight decay, no AMSGrad)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Adam:
    """Adam's state for a dict of weights: the running means of the gradients (``first``)
    and of their squares (``second``), and the step count.

    Attributes
    ----------
    learning_rate, beta1, beta2, epsilon : float
        torch's ``lr``, ``betas`` and ``eps``.
    """

    learning_rate: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    steps: int = 0
    first: dict[str, np.ndarray] = field(default_factory=dict)
    second: dict[str, np.ndarray] = field(default_factory=dict)

    def step(self, weights: dict[str, np.ndarray], gradients: dict[str, np.ndarray]) -> None:
        """Move every weight (in place) against its bias-corrected gradient mean."""
        self.steps += 1
        correction1 = 1 - self.beta1**self.steps
        correction2 = 1 - self.beta2**self.steps
        for name, gradient in gradients.items():
            first = self.first.setdefault(name, np.zeros_like(weights[name]))
            second = self.second.setdefault(name, np.zeros_like(weights[name]))
            first *= self.beta1
            first += (1 - self.beta1) * gradient
            second *= self.beta2
            second += (1 - self.beta2) * gradient * gradient
            denominator = np.sqrt(second / correction2)
            denominator += self.epsilon
            weights[name] -= (self.learning_rate / correction1) * first / denominator
