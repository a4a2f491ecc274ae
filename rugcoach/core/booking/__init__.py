"""Free intake slots from a trainer's weekly blocks (pure: no Django)."""
