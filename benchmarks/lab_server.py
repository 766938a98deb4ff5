"""How much memory the JupyterLab server itself takes, next to the kernels. A script, not a test.

    .venv/bin/python benchmarks/lab_server.py

Starts ``jupyter lab`` (no browser, a random token, the repository as its root, a temporary
home and runtime folder) on a free local port, waits for it to answer, loads the ``/lab`` page and
the ``notebooks/`` listing, starts two kernels through the REST API (a learner with a lesson and
its workbook open), then reads the server's resident memory from /proc: now (``VmRSS``) and
its peak (``VmHWM``), and each idle kernel's. Everything is stopped at the end. Linux only.

deploy/README.md adds this server figure to the heaviest lesson's and workbook's kernel peaks
(printed by ``benchmarks/notebooks.py``) to size one learner's pod.
The last line is ``SUMMARY {json}`` for ``benchmarks/report.py``.
"""
from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from timing import summary  # benchmarks/timing.py

ROOT = Path(__file__).resolve().parent.parent


def memory_mb(pid: int) -> dict[str, float]:
    """``VmRSS`` and ``VmHWM`` of ``pid`` in MiB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key = line.split(":")[0]
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(line.split()[1]) / 1024
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, token: str, method: str = "GET", body: dict | None = None) -> bytes:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def main() -> int:
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")
    jupyter = Path(sys.executable).with_name("jupyter")
    port, token = free_port(), secrets.token_hex(16)
    scratch = tempfile.mkdtemp(prefix="mrt-bench-lab-")
    env = {**os.environ, "HOME": scratch, "JUPYTER_RUNTIME_DIR": scratch, "MRT_HOME": scratch,
           "MRT_PROGRESS_FILE": "off", "MPLBACKEND": "Agg"}
    log = Path(scratch, "server.log")
    server = subprocess.Popen([str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}"]
                              + (["--allow-root"] if os.geteuid() == 0 else []),  # containers often run as root
                              env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    base = f"http://127.0.0.1:{port}"
    kernels: list[str] = []
    try:
        started = time.perf_counter()
        while True:
            try:
                call(f"{base}/api/status", token)
                break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 120:
                    server.kill()
                    tail = log.read_text(errors="replace").splitlines()[-5:]
                    print("JupyterLab did not start within 120 s; its last lines:\n" + "\n".join(tail))
                    summary(error="JupyterLab did not start")
                    return 1
                time.sleep(0.5)
        ready = time.perf_counter() - started
        call(f"{base}/lab", token)
        call(f"{base}/api/contents/notebooks", token)
        idle = memory_mb(server.pid)
        for _ in range(2):
            kernels.append(json.loads(call(f"{base}/api/kernels", token, "POST", {"name": "python3"}))["id"])
        time.sleep(5)  # let both kernels finish starting
        with_kernels = memory_mb(server.pid)
        children = [int(p) for p in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        kernel_mb = [memory_mb(pid)["VmRSS"] for pid in children]
        print(f"server answered after {ready:.1f} s")
        print(f"server after loading /lab and a folder listing: {idle['VmRSS']:.0f} MiB resident "
              f"(peak {idle['VmHWM']:.0f} MiB)")
        print(f"server with two kernels attached: {with_kernels['VmRSS']:.0f} MiB resident "
              f"(peak {with_kernels['VmHWM']:.0f} MiB)")
        print(f"idle kernels (nothing imported yet): {', '.join(f'{mb:.0f} MiB' for mb in kernel_mb)}")
        summary(server_mb=round(with_kernels["VmRSS"], 1), server_peak_mb=round(with_kernels["VmHWM"], 1),
                server_alone_mb=round(idle["VmRSS"], 1), idle_kernel_mb=[round(mb, 1) for mb in kernel_mb],
                start_s=round(ready, 1))
        return 0
    finally:
        for kernel in kernels:
            try:
                call(f"{base}/api/kernels/{kernel}", token, "DELETE")
            except OSError:
                pass
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
