"""Dust control's pure rules, one module per rule. Pure: no Django, no database."""
