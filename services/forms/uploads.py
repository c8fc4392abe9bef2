"""Residents' uploads, handled as SECURITY.md asks: size capped before the file is
read, type decided by content against an allow-list, images re-encoded without
metadata (location included), decompression bombs refused, random names, storage
outside any public folder, and a ClamAV scan that fails closed."""

from __future__ import annotations

import io
import logging
import secrets
import socket
import struct
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageOps

from services.cases.models import CaseFile

logger = logging.getLogger(__name__)

# What each allowed kind accepts, by content: (content type, extension, signature test).
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
                 "WEBP": ("image/webp", "webp")}  # fmt: skip
KIND_NAMES = {"image": "a JPEG, PNG, GIF or WebP photo", "pdf": "a PDF"}
MAX_IMAGE_PIXELS = 40_000_000  # about 7,000 by 6,000: bigger is refused as a possible decompression bomb


class UploadError(ValueError):
    pass


@dataclass
class ScanResult:
    status: str  # CaseFile.Scan value
    infected: bool = False


def sniff(head: bytes) -> str | None:
    """The kind of file by its first bytes, whatever its name says."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if (
        head.startswith(b"\xff\xd8\xff")
        or head.startswith(b"\x89PNG\r\n\x1a\n")
        or head[:6] in (b"GIF87a", b"GIF89a")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    ):
        return "image"
    return None


def _reencode_image(data: bytes) -> tuple[bytes, str, str]:
    """The picture alone: re-encoded, turned the right way up, with no EXIF (so no location)."""
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise UploadError("The photo is too big: it must be smaller than 40 megapixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if fmt not in IMAGE_FORMATS:
                raise UploadError("unsupported")
            content_type, extension = IMAGE_FORMATS[fmt]
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            clean = image.copy()
            clean.info = {}
            out = io.BytesIO()
            save_options = {"JPEG": {"quality": 88}, "WEBP": {"quality": 88}}.get(fmt, {})
            clean.save(out, format=fmt, exif=b"", **save_options)
            return out.getvalue(), content_type, extension
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError("The photo is too big: it must be smaller than 40 megapixels") from None
    except UploadError:
        raise
    except Exception:
        raise UploadError("The file could not be read as a picture") from None


def clamd_scan(data: bytes) -> ScanResult:
    """Scan through ClamAV's daemon (INSTREAM) when CLAMAV_SOCKET is set. Any failure
    to scan holds the file: it is kept, marked held, and never forwarded."""
    target = getattr(settings, "CLAMAV_SOCKET", "")
    if not target:
        return ScanResult(CaseFile.Scan.NOT_SCANNED)
    try:
        if target.startswith("tcp://"):
            host, _, port = target[6:].rpartition(":")
            sock = socket.create_connection((host, int(port)), timeout=10)
        else:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(10)
            sock.connect(target)
        with sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), 64 * 1024):
                chunk = data[start : start + 64 * 1024]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as error:
        logger.warning("virus scan unavailable: %s", type(error).__name__)
        return ScanResult(CaseFile.Scan.HELD)
    text = reply.rstrip(b"\0").decode("utf-8", "replace")
    if text.endswith("OK"):
        return ScanResult(CaseFile.Scan.CLEAN)
    if text.endswith("FOUND"):
        return ScanResult(CaseFile.Scan.HELD, infected=True)
    logger.warning("virus scan gave no verdict")
    return ScanResult(CaseFile.Scan.HELD)


def private_path(stored_name: str) -> Path:
    return Path(settings.PRIVATE_UPLOAD_ROOT) / "cases" / stored_name[:2] / stored_name


def upload_store(*, uploaded, allowed_types: list[str], max_size_mb: int, question_id: str = "") -> CaseFile:
    """Check and keep one uploaded file; raise UploadError with a message naming the limit."""
    limit = max_size_mb * 1024 * 1024
    if uploaded.size is None or uploaded.size > limit:
        raise UploadError(f"The selected file must be smaller than {max_size_mb}MB")
    if uploaded.size == 0:
        raise UploadError("The selected file is empty")
    allowed_text = " or ".join(KIND_NAMES[kind] for kind in allowed_types if kind in KIND_NAMES)
    head = uploaded.read(16)
    kind = sniff(head)
    if kind not in allowed_types:
        raise UploadError(f"The selected file must be {allowed_text}")
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise UploadError(f"The selected file must be smaller than {max_size_mb}MB")
    if kind == "image":
        data, content_type, extension = _reencode_image(data)
    else:
        if b"%%EOF" not in data[-2048:]:
            raise UploadError("The selected file could not be read as a PDF")
        content_type, extension = "application/pdf", "pdf"
    scan = clamd_scan(data)
    if scan.infected:
        raise UploadError("The selected file contains a virus")
    stored_name = f"{secrets.token_hex(16)}.{extension}"
    path = private_path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(data)
    path.chmod(0o600)
    name = Path(uploaded.name or "upload").name[:200] or "upload"
    return CaseFile.objects.create(
        question_id=question_id,
        original_name=name,
        stored_name=stored_name,
        content_type=content_type,
        size=len(data),
        scan_status=scan.status,
    )


def uploads_for_question(*, question, uploaded_files, already: int) -> tuple[list[CaseFile], str]:
    """Check and store the files sent for one upload question, on top of ``already``
    files kept from earlier. Returns the files stored and, when one was refused (too
    many, wrong type, too large), the message to show; files before it are kept, so
    nobody uploads them twice."""
    stored: list[CaseFile] = []
    for uploaded in uploaded_files:
        if already + len(stored) >= question.max_files:
            return stored, f"You can upload up to {question.max_files} file{'s' if question.max_files > 1 else ''}"
        try:
            stored.append(
                upload_store(
                    uploaded=uploaded,
                    allowed_types=question.allowed_types,
                    max_size_mb=question.max_size_mb,
                    question_id=question.id,
                )
            )
        except UploadError as error:
            return stored, str(error)
    return stored, ""
