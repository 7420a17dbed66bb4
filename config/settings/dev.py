"""Settings for ``make demo`` and local development: SQLite, local files, e-mails
printed to the console, tasks run in-process."""

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env_bool, env_str

# The SQLite file and local files live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "demo-only-secret-key-not-for-production")  # noqa: S105
