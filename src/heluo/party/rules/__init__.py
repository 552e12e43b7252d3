"""The party module's pure rules: no Django, no database."""
