"""Running `python -m candor import-replies` in this process, on a copy of a small site."""

from __future__ import annotations

import re
import shutil
from argparse import Namespace
from pathlib import Path

from candor.commands import replies

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
TEST_DATA = HERE.parent / "test_data"
PROJECT = HERE.parents[1]
BLOCK = re.compile(r"^::: response\n.*?^:::$", re.MULTILINE | re.DOTALL)


def copy_site(tmp_path: Path, case: str = "replies_site") -> Path:
    content = tmp_path / "site" / "content"
    shutil.copytree(TEST_DATA / case, content)
    return content


def settings_for(content: Path) -> dict:
    from pelican.settings import read_settings

    override = {"PATH": str(content), "OUTPUT_PATH": str(content.parent / "output")}
    return read_settings(str(PROJECT / "pelicanconf.py"), override=override)


def import_replies(content: Path, source, post: str = "apology-replies") -> int:
    arguments = Namespace(command="import-replies", post=post, source=str(source))
    return replies.main(arguments, settings_for(content))


def suppression(content: Path, address: str = "", remove: bool = False) -> int:
    arguments = Namespace(command="suppression", address=address, remove=remove)
    return replies.main(arguments, settings_for(content))


def blocks_of(path: Path) -> list[str]:
    return BLOCK.findall(path.read_text(encoding="utf-8"))


def without_id(block: str) -> str:
    return re.sub(r"^Reply-Id: [0-9a-f]{16}\n", "", block, flags=re.MULTILINE)
