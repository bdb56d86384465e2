"""What the three fake MIS servers share: a threaded HTTP(S) server on a loopback address, the
port file, the request log, the control API under /__fake__/ and the faults every vendor can be
told to show (status sequences with Retry-After, hangs, dropped connections, endless pages,
redirects to another host, gzip). A vendor module subclasses FakeApp and answers `handle(req)`.

Only the Python standard library, so the fakes run wherever the tests do.
"""
import argparse
import gzip
import http.server
import ipaddress
import json
import os
import socket
import ssl
import sys
import threading
import time
import traceback
import urllib.parse

from fake_school import School


class Drop(Exception):
    """Close the connection without any answer (a dropped page, a lost acknowledgement)."""


class Hang(Exception):
    """Keep the connection open and never answer."""


class Reply:
    def __init__(self, status=200, body=None, headers=None):
        self.status, self.body, self.headers = status, body, dict(headers or {})


class Req:
    def __init__(self, handler, body):
        parts = urllib.parse.urlsplit(handler.path)
        self.method, self.path, self.raw_query = handler.command, parts.path, parts.query
        self.pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        self.query = {}
        for k, v in self.pairs:
            self.query.setdefault(k, v)  # the first value wins, as in most web frameworks
        self.headers, self.body = handler.headers, body
        self.host = handler.headers.get("Host") or "%s:%d" % handler.server.server_address[:2]
        self.scheme = "http" if handler.server.plain else "https"

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8") or "null")
        except (UnicodeDecodeError, ValueError):
            return None


class FakeApp:
    """Base of a vendor fake: the school, the faults in force, the log and the writes."""

    def __init__(self, school, args):
        self.school, self.args = school, args
        self.faults, self.log, self.writes = {}, [], []
        self.lock = threading.RLock()
        # Replies already rendered, by what they answer: see cached().
        self.reply_cache, self.cache_rev = {}, None
        self.cache_stats = {"hits": 0, "misses": 0, "uncached": 0}

    @classmethod
    def add_args(cls, parser):
        pass

    def info(self):
        return {}

    def handle(self, req):
        raise NotImplementedError

    def caching(self):
        """Whether the cache may be used now (no fault in force, not turned off); empties it when the
        school has changed since it was filled."""
        if self.faults or getattr(self.args, "no_reply_cache", False):
            return False
        if self.cache_rev != self.school.rev:
            self.reply_cache.clear()
            self.cache_rev = self.school.rev
        return True

    def cached(self, key, render):
        """`render()`'s reply for `key`, rendered once per state of the school.

        A vendor calls this around the part of a request that only reads the school, after its
        own checks of credentials and faults, with a key that holds everything the reply depends
        on (path, raw query, Host where links are built from it). The cache is emptied whenever
        the school changes (its revision: control-API changes, Arbor writes), so deltas and
        changes stay correct. While any fault is in force nothing is cached or served from the
        cache, so fault injection behaves exactly as without it. Only 200 replies that are not
        errors are kept (Xporter's HTTP 200 ExceptionMessage is an error). Rendering a reply
        once keeps the fake's JSON building out of what a benchmark measures; `--no-reply-cache`
        turns it off."""
        if not self.caching():
            self.cache_stats["uncached"] += 1
            return render()
        hit = self.reply_cache.get(key)
        if hit is not None:
            self.cache_stats["hits"] += 1
            return hit
        self.cache_stats["misses"] += 1
        reply = render()
        if reply.status != 200 or not isinstance(reply.body, (dict, list)) or (
                isinstance(reply.body, dict) and ("ExceptionMessage" in reply.body or "response" in reply.body)):
            return reply
        body = json.dumps(reply.body, separators=(",", ":")).encode()
        headers = dict(reply.headers, **{"Content-Type": "application/json; charset=utf-8"})
        self.reply_cache[key] = Reply(200, body, headers)
        return self.reply_cache[key]

    def memo(self, key, compute):
        """`compute()` once per state of the school for `key`: the rows a paged list is cut from.
        A list's every page used to rebuild the whole list (a year's register is ~250,000 marks for
        2,000 pupils: minutes of Python per sync); now each page is a slice of one build. Emptied
        with the reply cache, and not used while a fault is in force, like cached()."""
        if not self.caching():
            return compute()
        held = self.reply_cache.get(("memo",) + tuple(key))
        if held is None:
            held = self.reply_cache[("memo",) + tuple(key)] = compute()
        return held

    def take_status(self):
        """The next status of a `status_sequence` fault, or None when it is used up."""
        with self.lock:
            seq = self.faults.get("status_sequence") or []
            return seq.pop(0) if seq else None

    def paginate(self, rows, page, size):
        """One 1-based page of `rows` and whether more follow. `drop_after_pages` drops the
        connection from page N+1 on; `page_forever` fills every page by cycling the rows, so a
        client that trusts the server never stops (it must keep a hard page cap)."""
        limit = self.faults.get("drop_after_pages")
        if limit is not None and page > int(limit):
            raise Drop()
        if self.faults.get("page_forever") and rows:
            start = (page - 1) * size
            return [rows[(start + i) % len(rows)] for i in range(size)], True
        return rows[(page - 1) * size: page * size], page * size < len(rows)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the C++ client expects
    timeout = 120

    def setup(self):
        # The TLS handshake happens here, in the connection's own thread, so a slow or broken
        # client cannot stall the accept loop.
        # No Nagle: a reply's last small segment would otherwise wait for the client's delayed
        # ACK (40 ms on Linux), and the fake's socket, not the client, would be measured.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
        super().setup()

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.server.app.__class__.__name__, fmt % args))

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def dispatch(self):
        app = self.server.app
        length = int(self.headers.get("Content-Length") or 0)
        req = Req(self, self.rfile.read(length) if length else b"")
        if req.path.startswith("/__fake__/"):
            return self.send(self.control(req))
        started = time.perf_counter()
        entry = {"method": req.method, "path": req.path, "query": req.raw_query, "status": None, "seconds": None}
        with app.lock:
            app.log.append(entry)  # never the headers: they hold the credentials
        try:
            reply = self.faulted(app, req)
            if reply is None:
                with app.school.lock:  # a control-API change never lands mid-page
                    reply = app.handle(req)
        except Drop:
            return self.drop()
        except Hang:
            return self.hang()
        except Exception:  # a bug in the fake must show, not hang the client
            traceback.print_exc()
            reply = Reply(500, {"error": "fake server error"})
        entry["status"] = reply.status
        self.send(reply, gzip_it=bool(app.faults.get("gzip")))
        entry["seconds"] = time.perf_counter() - started  # the fake's own time: render (or cache) and send

    def faulted(self, app, req):
        """Faults every vendor shares, checked before the vendor sees the request."""
        target = app.faults.get("redirect_to")
        if target:
            url = target.rstrip("/") + req.path + ("?" + req.raw_query if req.raw_query else "")
            return Reply(302, b"", {"Location": url})
        if app.faults.get("hang"):
            raise Hang()
        if app.faults.get("delay"):  # seconds per reply: a slow service, so tests can kill mid-read
            time.sleep(float(app.faults["delay"]))
        status = app.take_status()
        if status is not None:
            headers = {}
            if app.faults.get("retry_after") is not None:
                headers["Retry-After"] = str(app.faults["retry_after"])
            return Reply(int(status), {"error": "fault", "status": int(status)}, headers)
        return None

    def control(self, req):
        """The control API used by tests: not part of any vendor's API, never logged."""
        app, school, path = self.server.app, self.server.app.school, req.path[len("/__fake__/"):]
        if path == "faults" and req.method == "POST":
            body = req.json()
            if not isinstance(body, dict):
                return Reply(400, {"error": "faults must be a JSON object"})
            with app.lock:
                app.faults = body
            return Reply(200, {"faults": app.faults})
        if path == "faults":
            return Reply(200, {"faults": app.faults})
        if path == "change" and req.method == "POST":
            body = req.json()
            try:
                with app.lock:
                    return Reply(200, school.change(body if isinstance(body, dict) else {}))
            except (ValueError, KeyError, TypeError) as e:
                return Reply(400, {"error": str(e)})
        if path == "log":
            with app.lock:
                return Reply(200, list(app.log))
        if path == "writes":
            with app.lock:
                return Reply(200, list(app.writes))
        if path == "reset_log" and req.method == "POST":
            with app.lock:
                app.log.clear()
                app.writes.clear()
            return Reply(200, {"ok": True})
        if path == "info":
            with school.lock:
                stats = dict(app.cache_stats, entries=len(app.reply_cache))
            return Reply(200, dict(app.info(), revision=school.rev, estab=school.dfe, school=school.name,
                                   reply_cache=stats))
        return Reply(404, {"error": "no such control endpoint"})

    def send(self, reply, gzip_it=False):
        body, headers = reply.body, dict(reply.headers)
        if body is None:
            body = b""
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body, separators=(",", ":")).encode()
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
        elif isinstance(body, str):
            body = body.encode()
        if gzip_it and headers.get("Content-Type", "").startswith("application/json"):
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self.send_response(reply.status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        # Head and body in one write (one TLS record where they fit), not two small ones.
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(body)
        self.flush_headers()

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def hang(self):
        """Hold the connection, answering nothing, until the client gives up or we stop."""
        self.close_connection = True
        self.connection.settimeout(1.0)
        while not self.server.stopping:
            try:
                if not self.connection.recv(1):
                    return
            except socket.timeout:
                continue
            except (OSError, ssl.SSLError):
                return


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    stopping = False

    def handle_error(self, request, client_address):
        if self.verbose:
            traceback.print_exc()


def main(app_class, description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--ctf", required=True, help="CTF XML written by `senmap generate`")
    ap.add_argument("--roster", required=True, help="OneRoster CSV folder written by `senmap generate --oneroster`")
    ap.add_argument("--port-file", required=True, help="where the chosen port is written")
    ap.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--http", action="store_true", help="plain HTTP instead of TLS")
    ap.add_argument("--secret", help="the credential the fake accepts (a default is printed by /__fake__/info)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-reply-cache", action="store_true",
                    help="render every reply afresh (by default each distinct reply is rendered once per school state)")
    app_class.add_args(ap)
    args = ap.parse_args()
    if not ipaddress.ip_address(args.host).is_loopback:
        ap.error("the fakes listen on loopback addresses only")
    if not args.http and not (args.cert and args.key):
        ap.error("give --cert and --key, or --http")
    app = app_class(School(args.ctf, args.roster), args)
    server = Server((args.host, args.port), Handler)
    server.app, server.plain, server.verbose = app, args.http, args.verbose
    if not args.http:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:  # written whole, then renamed: a waiting test never reads half
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping = True
        server.server_close()
