"""Attempts one way into another sandbox. Exits 0 when the attempt got through, 1 when it was refused."""
import base64
import os
import socket
import struct
import sys


def connect_unix(address):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(3)
    s.connect(address)
    return s


def connect_tcp(port):
    return socket.create_connection(("127.0.0.1", int(port)), timeout=3)


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed after %d bytes" % len(data))
        data += chunk
    return data


class WebSocket:
    """Just enough of RFC 6455 to carry RFB through websockify."""

    def __init__(self, port):
        self.s = connect_tcp(port)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                        "Sec-WebSocket-Protocol: binary\r\n\r\n" % key).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += read_exactly(self.s, 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError(head.split(b"\r\n")[0].decode())
        self.buffer = b""

    def recv(self, n):
        while len(self.buffer) < n:
            b0, b1 = read_exactly(self.s, 2)
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack(">H", read_exactly(self.s, 2))[0]
            elif length == 127:
                length = struct.unpack(">Q", read_exactly(self.s, 8))[0]
            payload = read_exactly(self.s, length)
            if b0 & 0x0F == 8:
                raise ConnectionError("websocket closed")
            self.buffer += payload
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, data):
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.s.sendall(bytes([0x82, 0x80 | len(data)]) + mask + masked)


def vnc_without_password(port):
    """Gets through only if the server lets a client in with security type None."""
    ws = WebSocket(port)
    version = ws.recv(12)
    print("server:", version)
    ws.send(b"RFB 003.008\n")
    count = ws.recv(1)[0]
    if count == 0:
        raise ConnectionError("server refused the connection")
    types = list(ws.recv(count))
    print("security types:", types)
    ws.send(bytes([1]))
    result = struct.unpack(">I", ws.recv(4))[0]
    print("security result:", result)
    return result == 0


def main():
    kind, target = sys.argv[1], sys.argv[2]
    try:
        if kind == "unix":
            connect_unix(target).close()
        elif kind == "abstract":
            connect_unix("\0" + target).close()
        elif kind == "tcp":
            connect_tcp(target).close()
        elif kind == "vnc":
            if not vnc_without_password(target):
                print("refused: authentication required")
                sys.exit(1)
        else:
            raise SystemExit("unknown probe " + kind)
    except (OSError, ConnectionError) as e:
        print("refused:", e)
        sys.exit(1)
    print("got through")
    sys.exit(0)


main()
