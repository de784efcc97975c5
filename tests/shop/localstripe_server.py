"""Run localstripe on a loopback port with its state in a file of our choosing.

localstripe hard-codes /tmp/localstripe.pickle and listens on every interface; parallel test
runs would share that file. This starts the same aiohttp app with a per-run state file on 127.0.0.1.
"""

import argparse
import pickle
import socket

from aiohttp import web
from localstripe import resources, server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state", required=True)
    args = parser.parse_args()

    def dump_to_disk(self):
        with open(args.state, "wb") as f:
            pickle.dump(self, f, protocol=pickle.HIGHEST_PROTOCOL)

    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.try_load_from_disk = lambda self: None
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    web.run_app(server.app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    main()
