"""Ready-made programs, pure: their content schema and loader (``content/programs/``), each
program as a Schedule for one member's situation and verdict, and the challenge's day
logic (streak, missed days, completion, holding after pain)."""
