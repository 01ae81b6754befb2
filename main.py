"""ParDesk entry point: parse the command line, then run a subcommand or open the window.

This module only wires the layers together; it holds no domain logic of its own.
"""

from __future__ import annotations

import sys


def _utf8_console() -> None:
    # A Windows console may use a legacy code page; Vietnamese must never crash a print.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    from ui.cli import parse, run_command

    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command:
        return run_command(args)
    from ui.app import run_gui

    return run_gui(getattr(args, "db", None))


if __name__ == "__main__":
    sys.exit(main())
