"""Start the web app: ``python app.py [--host H] [--port P] [--share]``.

Binds to 127.0.0.1:7860 unless told otherwise (flags, or Gradio's GRADIO_SERVER_NAME /
GRADIO_SERVER_PORT); a public share link is only created with --share.
"""

from __future__ import annotations

import argparse

from summarize.apps import launch


def main() -> None:
    parser = argparse.ArgumentParser(description="Indonesian → English news translator (web app)")
    parser.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default 7860)")
    parser.add_argument("--share", action="store_true", help="create a public Gradio share link")
    args = parser.parse_args()
    launch(host=args.host, port=args.port, share=args.share)


if __name__ == "__main__":
    main()
