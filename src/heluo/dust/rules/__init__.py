"""Pure: no Django, no database. Dust control's rules, each tested on hand-computed tables."""
