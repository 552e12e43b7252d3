"""Core's domain rules, one module per kind of act. Views, the API, tasks and commands call these."""
