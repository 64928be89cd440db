"""Old addresses of modules that moved, kept answering (docs/configuration.md, "Old
addresses").

A module's dotted path can live outside the code: in a deployment's own logging or
settings (``home.log_filters.RedactPersonalData``), or in the database, where the task
queue stores the path of each task it holds (``home.cdn.purge_addresses``, queued by the
release before a move and run by the worker of the release after it). An app lists the
modules that left it, in its package's ``__init__.py``, with ``keep_old_addresses``; an
import of an old address then gets the module at its new one, with a deprecation warning.
No file stays behind at the old path, so history and merges follow the move.
"""

import importlib
import importlib.abc
import importlib.util
import sys
import warnings


class _OldAddresses(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``old.dotted.path`` and loads a module that reads everything from the module
    at its new path."""

    def __init__(self):
        self.moved = {}

    def find_spec(self, name, path=None, target=None):
        if name in self.moved:
            return importlib.util.spec_from_loader(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        new = self.moved[module.__name__]
        warnings.warn(f"{module.__name__} has moved to {new}.", DeprecationWarning, stacklevel=2)
        target = importlib.import_module(new)
        module.__getattr__ = lambda name: getattr(target, name)
        module.__dir__ = lambda: dir(target)


_finder = _OldAddresses()


def keep_old_addresses(package, moved):
    """``moved``: ``{old submodule of package: new dotted path}``."""
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
    _finder.moved.update({f"{package}.{old}": new for old, new in moved.items()})
