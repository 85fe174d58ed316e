"""A minimal FastCGI client (one request per connection), to talk to a handler's socket without nginx: to send
parameters nginx would never pass on (a foreign REMOTE_ADDR), or to drive a handler instance of a test's own."""
import socket
import struct
from dataclasses import dataclass

BEGIN_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 3, 4, 5, 6, 7
RESPONDER = 1


def _record(kind: int, content: bytes, request_id: int = 1) -> bytes:
    pad = (8 - len(content) % 8) % 8
    return struct.pack("!BBHHBx", 1, kind, request_id, len(content), pad) + content + b"\0" * pad


def _length(n: int) -> bytes:
    return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)


def _pairs(params: dict) -> bytes:
    out = b""
    for k, v in params.items():
        k, v = k.encode(), str(v).encode()
        out += _length(len(k)) + _length(len(v)) + k + v
    return out


@dataclass
class FcgiResponse:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(sock_path: str, method: str, path: str, host: str = "localhost", params: dict = None,
            timeout: float = 10) -> FcgiResponse:
    p = {"REQUEST_METHOD": method, "DOCUMENT_URI": path, "REQUEST_URI": path, "SCRIPT_NAME": path,
         "QUERY_STRING": "", "PORTICO_HOST": host, "HTTP_HOST": host, "REMOTE_ADDR": "127.0.0.1",
         "SERVER_PROTOCOL": "HTTP/1.1", "HTTPS": "on", "CONTENT_LENGTH": "0"}
    p.update(params or {})
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        body = _pairs(p)
        s.sendall(_record(BEGIN_REQUEST, struct.pack("!HB5x", RESPONDER, 0)) + _record(PARAMS, body)
                  + _record(PARAMS, b"") + _record(STDIN, b""))
        out, buf, ended = b"", b"", False
        while not ended:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
            while len(buf) >= 8:
                _, kind, _, clen, pad = struct.unpack("!BBHHBx", buf[:8])
                if len(buf) < 8 + clen + pad:
                    break
                content, buf = buf[8:8 + clen], buf[8 + clen + pad:]
                if kind == STDOUT:
                    out += content
                elif kind == END_REQUEST:
                    ended = True
        if not ended:
            raise ConnectionError("the handler closed the connection before ending the request")
    head, _, payload = out.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n"):
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    status = int(headers.get("status", "200").split()[0])
    return FcgiResponse(status, headers, payload)
