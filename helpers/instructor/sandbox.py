"""Where a submission's code runs: a bubblewrap sandbox, with resource limits, and how it is ended.

With ``bwrap`` (Debian/Ubuntu: ``apt-get install bubblewrap``) each submission's worker and kernel
run in their own PID, mount, network, IPC and UTS namespaces: no network at all, the system and the
course read-only (with the exercise sources replaced by copies without solutions), a fresh
size-limited ``/tmp``, and nothing else of the file system (no home folder, no submissions, no
output folder). Memory, file size and open files are limited with ``prlimit``. When the worker
ends, the whole namespace dies with it, so no process a learner started survives the grading.

Without ``bwrap`` the grader refuses to run unless told ``--no-sandbox``; then each worker still
runs in its own session with the same limits, and every process carrying the run's token in its
environment is killed at the end, but the file system and the network are not hidden.

>>> cmd = command(Path("/tmp/in"), Path("/tmp/work"), course=Path("/course"), hide=[], sources=None)
>>> cmd[:1] == [bwrap_path() or "bwrap"] and "--unshare-net" in cmd and "--die-with-parent" in cmd
True
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Sequence

__all__ = ["INSIDE_IN", "INSIDE_WORK", "INSTALL_HINT", "bwrap_path", "sandbox_works", "command", "limits_prefix",
           "kill_tree", "worker_env"]

INSIDE_IN, INSIDE_WORK = "/mrt/in", "/tmp/work"
INSTALL_HINT = ("Install bubblewrap so that each submission runs in a sandbox (Debian/Ubuntu: "
                "`sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`), or pass --no-sandbox "
                "to grade without one (only in a disposable machine or container: the students' code can then "
                "read and change your files).")
_ETC = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "passwd", "group", "hosts",
        "fonts", "mime.types", "alternatives", "ssl"]
TOKEN_ENV = "MRT_RUN_TOKEN"


def bwrap_path() -> str | None:
    """Where ``bwrap`` is, or None."""
    return shutil.which("bwrap")


@functools.lru_cache(maxsize=1)
def sandbox_works() -> tuple[bool, str]:
    """Whether a trial sandbox starts here, and if not, why not."""
    path = bwrap_path()
    if path is None:
        return False, "bubblewrap (bwrap) is not installed"
    trial = [path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
             "true"]
    try:
        done = subprocess.run(trial, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"bwrap could not start ({exc})"
    if done.returncode != 0:
        return False, f"bwrap cannot create namespaces here ({done.stderr.strip()[:200]})"
    return True, ""


def _system_binds() -> list[str]:
    args: list[str] = []
    for top in ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"]:
        path = Path("/") / top
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.exists():
            args += ["--ro-bind", str(path), str(path)]
    for name in _ETC:
        if (Path("/etc") / name).exists():
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    return args


def _python_roots(course: Path) -> list[Path]:
    """The folders Python and the course's packages live in (all read-only in the sandbox)."""
    roots = {Path(os.path.realpath(sys.base_prefix)), Path(sys.prefix), Path(os.path.realpath(sys.prefix)), course}
    roots |= {Path(os.path.realpath(sys.executable)).parent.parent}
    for entry in sys.path:
        if entry and Path(entry).is_dir() and not str(entry).startswith(("/usr/", "/lib")):
            roots.add(Path(entry))
    keep: list[Path] = []
    for root in sorted(roots, key=lambda p: len(p.parts)):
        if not any(root == k or k in root.parents for k in keep) and root != Path("/"):
            keep.append(root)
    return keep


def command(in_dir: Path, work_dir: Path, *, course: Path, hide: Sequence[Path], sources: Path | None,
            tmp_mb: int = 512) -> list[str]:
    """The ``bwrap`` arguments that run a worker with ``in_dir`` read-only at :data:`INSIDE_IN`."""
    args = [bwrap_path() or "bwrap", "--unshare-all", "--unshare-net", "--die-with-parent", "--new-session",
            "--hostname", "grading", "--proc", "/proc", "--dev", "/dev"]
    args += _system_binds()
    args += ["--size", str(tmp_mb * 1024 * 1024), "--tmpfs", "/tmp"]
    for root in _python_roots(course):
        args += ["--ro-bind", str(root), str(root)]
    covered = _python_roots(course)
    for path in [*hide, course / ".git"]:
        path = Path(os.path.realpath(path))
        if any(path == c or c in path.parents for c in covered) and path.exists():
            args += ["--tmpfs", str(path)] if path.is_dir() else ["--ro-bind", "/dev/null", str(path)]
    if sources is not None:
        args += ["--ro-bind", str(sources), str(course / "exercises" / "source")]
    args += ["--ro-bind", str(in_dir), INSIDE_IN, "--chdir", "/tmp"]
    return args


def limits_prefix(memory_mb: int, file_mb: int = 256, cpu_seconds: int | None = None) -> list[str]:
    """``prlimit`` arguments limiting memory (address space), file size, open files and processes."""
    tool = shutil.which("prlimit")
    if tool is None:
        return []
    args = [tool, f"--as={memory_mb * 1024 * 1024}", f"--fsize={file_mb * 1024 * 1024}", "--nofile=1024",
            "--nproc=4096", "--core=0"]
    if cpu_seconds:
        args.append(f"--cpu={int(cpu_seconds)}")
    return args + ["--"]


def worker_env(home: str, token: str, sources: str | None) -> dict[str, str]:
    """The only environment a worker and its kernel get (nothing of the grader's)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
           "MPLBACKEND": "Agg", "MRT_PROGRESS_FILE": "off", "MRT_HOME": home, "PYTHONDONTWRITEBYTECODE": "1",
           "JUPYTER_RUNTIME_DIR": f"{home}/.runtime", "IPYTHONDIR": f"{home}/.ipython", "OMP_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
           "JUPYTER_PLATFORM_DIRS": "1", TOKEN_ENV: token}
    if sources:
        env["MRT_EXERCISE_SOURCES"] = sources
    return env


def _carries_token(pid: int, token: str) -> bool:
    try:
        return f"{TOKEN_ENV}={token}".encode() in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False


def kill_tree(proc: subprocess.Popen, token: str) -> int:
    """Kill the worker's session and every process still carrying ``token``; returns how many were found."""
    found = 0
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    for _ in range(3):  # a process may fork while we look: look again
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()] if os.path.isdir("/proc") else []
        hits = [pid for pid in pids if pid != os.getpid() and _carries_token(pid, token)]
        for pid in hits:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        found += len(hits)
        if not hits:
            break
    try:
        proc.kill()
    except OSError:
        pass
    return found
