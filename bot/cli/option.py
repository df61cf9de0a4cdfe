"""Options and loaders shared by the `kbot` commands."""

from __future__ import annotations

from pathlib import Path

import click

from bot.config import REGION_NAMES, Settings
from bot.core import Engine
from bot.error import ConfigError, KnowledgeError
from bot.knowledge import load_dir

KNOWLEDGE_HELP = "Knowledge folder (default: $KBOT_KNOWLEDGE_DIR, else the shipped knowledge/)."
region_option = click.option(
    "--region",
    type=click.Choice(REGION_NAMES, case_sensitive=False),
    default=None,
    help="Country for support resources (default: $KBOT_DEFAULT_REGION, else international).",
)
knowledge_option = click.option(
    "--knowledge",
    "knowledge_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=KNOWLEDGE_HELP,
)


def settings_or_exit() -> Settings:
    """The settings, or a one-line error and exit status 1."""
    try:
        return Settings.load()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def engine_or_exit(knowledge_dir: Path | None) -> tuple[Engine, Settings]:
    """An Engine over the knowledge folder, or its errors and exit status 1."""
    settings = settings_or_exit()
    try:
        return Engine(load_dir(knowledge_dir or settings.knowledge_dir)), settings
    except KnowledgeError as exc:
        details = "\n".join(str(p) for p in exc.problems if p.severity == "error")
        raise click.ClickException(f"the knowledge folder has errors:\n{details}") from exc
