"""What a member can read, pure: knowledge pages and habit cards, the FAQ and its search,
and the heat-or-cold helper, each from ``content/knowledge/``."""
