"""Drives `atop-lint lsp` as an editor would, over stdio with LSP's framing: initialize, open the
example sheet, wait for the diagnostics the server publishes, shut down. Checks that they hold the
`#109` error and the Q11 / Art. 19 warning, and that the server exits with status 0.

Usage: lsp_roundtrip.py SERVER SHEET
"""

import json
import subprocess
import sys
import threading
from pathlib import Path

TIMEOUT = 120  # seconds for any one answer: a hang fails rather than blocks the suite


class Client:
    def __init__(self, server: str) -> None:
        self.proc = subprocess.Popen(
            [server, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            if line == b"\r\n":
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params: dict | None = None) -> dict:
        """Sends a request (`shutdown` takes no params at all) and returns its response."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, wanted) -> dict:
        """Reads messages until one is wanted; answers the server's own requests with null."""
        result: list = []

        def loop() -> None:
            while True:
                message = self.read()
                if "method" in message and "id" in message:
                    self.send({"id": message["id"], "result": None})
                elif wanted(message):
                    result.append(message)
                    return

        reader = threading.Thread(target=loop, daemon=True)
        reader.start()
        reader.join(TIMEOUT)
        if not result:
            raise RuntimeError("no answer from the server")
        return result[0]


def main() -> int:
    server, sheet = sys.argv[1], Path(sys.argv[2]).resolve()
    client = Client(server)
    init = client.request(
        "initialize",
        {"processId": None, "rootUri": sheet.parent.as_uri(), "capabilities": {}},
    )
    assert init["result"]["serverInfo"]["name"] == "atop-lint", init
    client.send({"method": "initialized", "params": {}})
    uri = sheet.as_uri()
    client.send({
        "method": "textDocument/didOpen",
        "params": {"textDocument": {
            "uri": uri, "languageId": "atop-codesheet", "version": 1,
            "text": sheet.read_text("utf-8"),
        }},
    })
    published = client.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
    )
    messages = [d["message"] for d in published["params"]["diagnostics"]]
    print(f"{len(messages)} diagnostics published for {sheet.name}")
    for expected in ("#109 names no question", "Q11 says No, but Art. 19 has notice terms"):
        if not any(expected in m for m in messages):
            print(f"no diagnostic says {expected!r}: {messages}", file=sys.stderr)
            return 1
    shutdown = client.request("shutdown")
    assert "error" not in shutdown, shutdown
    client.send({"method": "exit"})
    status = client.proc.wait(TIMEOUT)
    if status != 0:
        print(f"the server exited with status {status}", file=sys.stderr)
        return 1
    print("initialize, didOpen, publishDiagnostics, shutdown, exit: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
