"""Packages whose public names are imported on first use.

``import storydiff`` runs ``storydiff/__init__.py``, and so does every ``import storydiff.x``:
an ``__init__`` that imports its names eagerly makes the lightest corner of the package cost
pandas and most of the package. :func:`lazy_names` makes a package import each name from its
module when the name is first used, as PEP 562's module ``__getattr__`` allows.

A submodule is imported too when it is first used as an attribute (``storydiff.framing``), as
if an eager ``__init__`` had imported it. One catch is handled: a function named as its module
(``storydiff.compare`` is both the function ``compare`` and the module
``storydiff/compare.py``). Importing a submodule sets it as an attribute of its package, which
would hide the function; here the function is kept, as an eager ``from .compare import
compare`` leaves it.

Examples
--------
>>> import storydiff
>>> import storydiff.compare  # the module...
>>> storydiff.compare.__name__, type(storydiff.compare).__name__  # ...leaves the function
('compare', 'function')
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Mapping


def lazy_names(package: str, exports: Mapping[str, str]) -> None:
    """Make `package` (the ``__name__`` of its ``__init__``) import each name of `exports`
    (name -> module of the package that defines it) when it is first used."""
    module = sys.modules[package]
    module.__class__ = type(
        "LazyPackage", (_LazyPackage,), {"_exports": dict(exports), "__module__": __name__}
    )


class _LazyPackage(types.ModuleType):
    """A package module that imports its public names on first use (see :func:`lazy_names`)."""

    _exports: dict[str, str] = {}

    def __getattr__(self, name: str):
        module = self._exports.get(name)
        if module is not None:
            value = getattr(importlib.import_module(f".{module}", self.__name__), name)
        elif not name.startswith("_") and importlib.util.find_spec(f"{self.__name__}.{name}"):
            # A submodule used as an attribute (``storydiff.framing.compare_framing``), as an
            # eager ``__init__`` that imported it would have allowed.
            value = importlib.import_module(f".{name}", self.__name__)
        else:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        setattr(self, name, value)
        return value

    def __setattr__(self, name: str, value) -> None:
        if self._exports.get(name) == name and isinstance(value, types.ModuleType):
            value = getattr(value, name)  # a submodule set by its import: keep its function
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._exports})


__all__ = ["lazy_names"]
