"""Command-line helpers behind ``scripts/``: each is ``python -m itcomms.cli.<name>``."""
