"""The `scribekit` command."""
from .convert import cli, main

__all__ = ["cli", "main"]
