"""Weekly and monthly briefings (周报、月报、通报)."""
