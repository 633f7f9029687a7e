# The order page's shop, run inside the sandbox so that the sandbox's Firefox reaches it on any
# provider (an E2B sandbox cannot reach the machine the tests run on). Serves order.html from its
# own folder, appends each posted order to orders.txt there, and writes the port it got to port.
import http.server
import os
import sys

folder = sys.argv[1]


class Shop(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(os.path.join(folder, "order.html"), "rb") as page:
            body = page.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        order = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(os.path.join(folder, "orders.txt"), "ab") as orders:
            orders.write(order + b"\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Shop)
with open(os.path.join(folder, "port.tmp"), "w") as port:
    port.write(str(server.server_port))
os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
server.serve_forever()
