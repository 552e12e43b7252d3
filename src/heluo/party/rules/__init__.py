"""Pure rules of party building, one module per topic. Pure: no Django, no database."""
