"""RugCoach's domain in plain Python: no Django imports, no I/O beyond reading content."""
