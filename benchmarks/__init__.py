"""Speed and memory figures: `make bench` (not collected by pytest)."""
