"""Areas found by the modules they hold, never imported sideways.

An area that fills another's registry (a report section, an indicator for the targets) does
so in a module of a known name (``report_sections``, ``indicator_providers``); the registry
imports every ``binhdang.<area>.<name>`` module there is. So the area owning the registry
never imports the areas that fill it, and an area missing from a build is simply absent.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import pkgutil
from pathlib import Path

import binhdang


def import_area_modules(name: str) -> list[str]:
    """Import ``binhdang.<area>.<name>`` for every area package holding such a module; the
    modules imported, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(binhdang.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        folders = [Path(folder) / info.name for folder in binhdang.__path__]
        # look at the files first: importing every area package (web, scale…) would be slow
        if any(_holds_module(folder, name) for folder in folders):
            module = f"binhdang.{info.name}.{name}"
            importlib.import_module(module)
            found.append(module)
    return found


def _holds_module(folder: Path, name: str) -> bool:
    """Whether ``folder`` holds module ``name``, a file or a package, as ``pkgutil.iter_modules``
    lists it, from the folder's names alone (iter_modules parses every file name of every area
    against each module suffix: a few milliseconds of each start of the command line)."""
    suffixes = importlib.machinery.all_suffixes()
    if any(f"{name}{suffix}" in _names(folder) for suffix in suffixes):
        return True
    return name in _names(folder) and any(
        f"__init__{suffix}" in _names(folder / name) for suffix in suffixes
    )


def _names(folder: Path) -> set[str]:
    try:
        return set(os.listdir(folder))
    except OSError:  # not a folder, or unreadable: holds nothing, as for pkgutil
        return set()


def module_files(name: str) -> list[str]:
    """``binhdang.<package>.<name>`` for every package or sub-package under ``binhdang`` holding
    a ``<name>.py`` file (``binhdang.committee.members.messages`` too), found by the files
    alone: nothing is imported. In path order; ``binhdang.<name>`` itself is not listed."""
    found = []
    for root in binhdang.__path__:
        for folder, children, files in os.walk(root):
            # a package's name is an identifier: skip caches and data folders (static files…)
            children[:] = sorted(
                child for child in children if child.isidentifier() and child != "__pycache__"
            )
            if folder != root and f"{name}.py" in files:
                package = Path(folder).relative_to(Path(root).parent).parts
                found.append(".".join((*package, name)))
    return found
