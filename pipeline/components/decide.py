"""The decision slot: the candidates the rules found -> the ones kept.

`rules` keeps every candidate the rules produced (today's behaviour). A learned
layer plugs in as `model`: a callable that takes one candidate (an event mention:
its Event with type, target, slots, rule ids and evidence) and returns True to
keep it; `both` keeps what the rules found and the model accepts. Until a model
is trained, `model` and `both` need one passed in."""
from __future__ import annotations

from typing import Callable, Iterable

MODES = ("rules", "model", "both")


class Decider:
    """Keep, drop (and later re-type) the rules' candidates."""

    def __init__(self, mode: str = "rules", model: Callable | None = None):
        if mode not in MODES:
            raise ValueError(f"hr_decide: mode must be one of {MODES}, not {mode!r}")
        if mode != "rules" and model is None:
            raise ValueError(f"hr_decide: mode {mode!r} needs a trained model (none is registered yet)")
        self.mode = mode
        self.model = model

    def __call__(self, candidates: Iterable) -> list:
        candidates = list(candidates)
        if self.mode == "rules":
            return candidates
        # the rules already chose these candidates; the model accepts or drops each
        return [c for c in candidates if self.model(c)]
