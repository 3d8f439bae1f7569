"""Pieces the scenes draw: the network map, charts, panels, forms, the negotiation dialog."""
