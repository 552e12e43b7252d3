"""Dust control's pure rules, one module per rule."""
