"""A member's progress, pure: the streak, weekly minutes, the month calendar, the outcome
measures (NPRS, PSFS) and the pain chart as SVG. Thresholds come from content/outcomes.yaml."""
