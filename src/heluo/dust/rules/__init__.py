"""Dust control's pure rules (no Django, no database), each tested on hand-computed tables."""
