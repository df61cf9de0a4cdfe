"""`kbot run` as a real process against the fake server: start-up errors, answering, SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from pathlib import Path

import aiohttp
from click.testing import CliRunner

from bot.cli import cli
from tests.fakebotapi import FAKE_TOKEN, FakeBotAPI

PERSON = FakeBotAPI.user(5550001234, "Ari")


def _env(server: FakeBotAPI, kb: Path, data: Path, token: str = FAKE_TOKEN) -> dict[str, str]:
    return server.bot_env(kb, data, token=token, KBOT_LOG_LEVEL="DEBUG")


async def _kbot_run(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_kbot_run_answers_then_stops_cleanly_on_sigterm(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    async with FakeBotAPI() as server:
        process = await _kbot_run(_env(server, tiny_kb_dir, tmp_path / "data"))
        server.send(FakeBotAPI.private_chat(PERSON), PERSON, "what is spravato")
        [reply] = await server.sent_to(PERSON["id"], seconds=30)
        assert "Esketamine" in reply["text"]
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "kbot stopped" in log
    assert server.confirmed >= 1  # the update was marked as read before exiting
    assert FAKE_TOKEN.split(":")[1] not in log
    assert str(PERSON["id"]) not in log
    assert "spravato" not in log


async def test_a_rejected_token_stops_start_up_with_one_line(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    async with FakeBotAPI() as server:
        token = "999999:" + "B" * 35
        env = _env(server, tiny_kb_dir, tmp_path / "data", token=token)
        process = await _kbot_run(env)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 1
    log = stderr.decode()
    assert log.strip().splitlines()[-1] == (
        "Error: Telegram did not accept TELEGRAM_BOT_TOKEN; check it with @BotFather"
    )
    assert "B" * 35 not in log  # python-telegram-bot's DEBUG traceback names it: redacted


def test_webhook_without_url_and_secret_is_one_clear_line(monkeypatch: object) -> None:
    result = CliRunner().invoke(cli, ["run", "--webhook"], env={"TELEGRAM_BOT_TOKEN": FAKE_TOKEN})
    assert result.exit_code == 1
    assert result.output == (
        "Error: kbot run --webhook needs KBOT_WEBHOOK_URL and KBOT_WEBHOOK_SECRET\n"
    )


def test_a_broken_knowledge_folder_stops_start_up_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["run"],
        env={"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "KBOT_KNOWLEDGE_DIR": str(tmp_path / "nowhere")},
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: 1 knowledge error(s); first: ")
    assert len(result.output.strip().splitlines()) == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _post_update(url: str, secret: str, update: dict[str, object]) -> int:
    """POST an update as Telegram would; the webhook server may need a moment to listen."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.post(url, json=update, headers=headers) as response:
                    return response.status
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
    raise AssertionError("the webhook server never listened")


async def test_kbot_run_webhook_checks_the_secret_and_answers(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/kbot-hook"
    chat = FakeBotAPI.private_chat(PERSON)
    async with FakeBotAPI() as server:
        env = _env(server, tiny_kb_dir, tmp_path / "data")
        env.update(
            KBOT_WEBHOOK_URL=url,
            KBOT_WEBHOOK_LISTEN="127.0.0.1",
            KBOT_WEBHOOK_PORT=str(port),
            KBOT_WEBHOOK_SECRET="s3cret-token",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--webhook", env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        webhook = await server.wait_for(lambda: server.webhook, seconds=30)
        assert webhook["url"] == url
        assert webhook["secret_token"] == "s3cret-token"
        update = {"update_id": 1, "message": server.message(chat, PERSON, "what is spravato")}
        assert await _post_update(url, "wrong", update) == 403
        assert await _post_update(url, "s3cret-token", update) == 200
        [reply] = await server.sent_to(PERSON["id"], seconds=30)
        assert "Esketamine" in reply["text"]
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    assert "s3cret-token" not in stderr.decode()


async def test_an_unusable_data_dir_stops_start_up_with_one_line(
    tiny_kb_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    async with FakeBotAPI() as server:
        process = await _kbot_run(_env(server, tiny_kb_dir, blocker / "data"))
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 1
    last = stderr.decode().strip().splitlines()[-1]
    assert last.startswith("Error: KBOT_DATA_DIR ")
    assert last.endswith("/a-file/data is not usable: Not a directory")
