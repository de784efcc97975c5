"""Serve localstripe, a real HTTP server speaking Stripe's API, for `make run` and the tests.

    python -m shop.localstripe_server --port 8420 --state .localstripe.pickle [--webhook-url URL --webhook-secret S]

localstripe itself keeps its state in /tmp/localstripe.pickle and listens on every interface, so
two sites (or two test runs) on one machine would share payments. This serves the same app on
127.0.0.1 with its state in a file of our choosing (kept between runs, like the database next to
it) and can send its signed webhooks to the site. Plain Python, no Django: it starts in a moment.
"""

from __future__ import annotations

import argparse
import pickle
import socket
from pathlib import Path


def serve(*, port: int, state: Path, webhook_url: str | list[str] = "", webhook_secret: str = "") -> None:
    from aiohttp import web
    from localstripe import resources, server, webhooks

    def dump_to_disk(store):
        with open(state, "wb") as f:
            pickle.dump(store, f, protocol=pickle.HIGHEST_PROTOCOL)

    def try_load_from_disk(store):
        if state.exists():
            with open(state, "rb") as f:
                store.clear()
                # Our own file, written by this server: trusted like the database next to it.
                dict.update(store, pickle.load(f))  # noqa: S301

    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.try_load_from_disk = try_load_from_disk
    resources.store.try_load_from_disk()
    urls = [webhook_url] if isinstance(webhook_url, str) else list(webhook_url)
    for n, url in enumerate(u for u in urls if u):
        if webhook_secret:
            # Every endpoint gets every event, as with Stripe: the shop's and the live drops' (tips).
            webhooks.register_webhook("site" if n == 0 else f"site-{n}", url, webhook_secret, None)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    print(f"localstripe on http://127.0.0.1:{port} (state: {state})", flush=True)
    web.run_app(server.app, sock=sock, print=None, access_log=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state", type=Path, required=True, help="where payments are kept between runs")
    parser.add_argument(
        "--webhook-url",
        action="append",
        default=[],
        help="a webhook address of the site (…/shop/stripe/webhook/, …/live/stripe/webhook/); repeatable",
    )
    parser.add_argument("--webhook-secret", default="")
    args = parser.parse_args()
    serve(port=args.port, state=args.state, webhook_url=args.webhook_url, webhook_secret=args.webhook_secret)


if __name__ == "__main__":
    main()
