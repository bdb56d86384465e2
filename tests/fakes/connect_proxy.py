#!/usr/bin/env python3
"""A loopback HTTP proxy that opens CONNECT tunnels, like a school's web filter, for the live sync
tests: `--refuse` answers 403 instead (a filter that blocks the host). Each CONNECT target is
appended to --log, one per line. Standard library only; it never connects beyond loopback."""
import argparse
import select
import socket
import socketserver
import threading


class Tunnel(socketserver.BaseRequestHandler):
    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split()
        if len(parts) != 3 or parts[0] != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = parts[1].rpartition(":")
        with self.server.lock:
            with open(self.server.log, "a") as f:
                f.write(parts[1] + "\n")
        if self.server.refuse or not host.startswith("127."):
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        upstream = socket.create_connection((host, int(port)), timeout=10)
        self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        sockets = [self.request, upstream]
        try:
            while True:
                ready, _, _ = select.select(sockets, [], [], 30)
                if not ready:
                    return
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    (upstream if s is self.request else self.request).sendall(data)
        finally:
            upstream.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--refuse", action="store_true")
    args = ap.parse_args()
    server = Server(("127.0.0.1", 0), Tunnel)
    server.refuse, server.log, server.lock = args.refuse, args.log, threading.Lock()
    with open(args.port_file, "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
