"""The civil registry adapters: a file-backed registry and a deterministic synthetic one.

Both implement `services.ports.Registry`.
"""

from sandogh.registry.file import FileRegistry, RegistryFileError, RegistryImport, import_registry
from sandogh.registry.synthetic import RegistrySizeError, SyntheticRegistry

__all__ = [
    "FileRegistry",
    "RegistryFileError",
    "RegistryImport",
    "RegistrySizeError",
    "SyntheticRegistry",
    "import_registry",
]
