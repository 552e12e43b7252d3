"""Party building's ledgers: each part registers its own in its `ledgers_<topic>.py`, imported here."""
