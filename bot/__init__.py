"""kbot: quoted, sourced answers about ketamine, and kind redirects for everything else."""

__version__ = "0.1.0"
