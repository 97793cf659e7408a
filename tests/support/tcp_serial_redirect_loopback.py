#!/usr/bin/python3
"""Runs pyserial's own, unmodified tcp_serial_redirect.py (the original Rudebot's bridge) with
its listening socket confined to 127.0.0.1.

The script binds ('' , port), i.e. every interface, and has no option to change that; tests
must only listen on loopback. Everything else, arguments included, is the real script.
Usage: tcp_serial_redirect_loopback.py [tcp_serial_redirect.py arguments...]
"""
import runpy
import socket
import sys

SCRIPT = "/usr/share/doc/python3-serial/examples/tcp_serial_redirect.py"

_bind = socket.socket.bind


def _loopback_bind(sock, address):
    if isinstance(address, tuple) and address and address[0] in ("", "0.0.0.0"):
        address = ("127.0.0.1",) + tuple(address[1:])
    return _bind(sock, address)


socket.socket.bind = _loopback_bind
sys.argv = [SCRIPT] + sys.argv[1:]
runpy.run_path(SCRIPT, run_name="__main__")
