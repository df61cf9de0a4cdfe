"""`kbot run`'s entry point; the adapter itself is the bot.telegram package."""

from __future__ import annotations

from bot.telegram.app import build_application, run_bot

__all__ = ["build_application", "run_bot"]
