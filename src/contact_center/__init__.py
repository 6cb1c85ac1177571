"""Tooling for the contact-center analytics warehouse: simulator, raw checks, publishing."""

__version__ = "0.1.0"
