"""河洛 Heluo: an open platform for a city's grassroots governance work."""

__version__ = "0.1.0"
