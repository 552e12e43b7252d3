"""The party module's pure rules, one module per topic. Pure: no Django, no database."""
