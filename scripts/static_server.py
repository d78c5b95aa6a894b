#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 the way a static host does: gzip-compressed when the
browser accepts it (GitHub Pages, Netlify and the usual CDNs all compress wasm, JavaScript,
HTML and CSS), with the right types. The start-up benchmark (scripts/lighthouse.sh) uses
it, so the download it measures is the one a team's browser would get.

    scripts/static_server.py PORT FOLDER
"""
import functools
import gzip
import http.server
import os
import sys

COMPRESSED = (".wasm", ".js", ".html", ".css", ".json", ".svg")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}
    cache = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        stamp = (path, os.path.getmtime(path))
        body = self.cache.get(stamp)
        if body is None:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), compresslevel=9)
            self.cache[stamp] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    handler = functools.partial(Handler, directory=folder)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
