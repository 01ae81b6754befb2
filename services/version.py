"""ParDesk's version, shown in the About dialog and by `main.py --version`."""

APP_NAME = "ParDesk"
APP_VERSION = "0.1.0"
