"""Where evidence files are kept: on disk, encrypted when EVIDENCE_ENCRYPTION_KEY is set (issue 17, F10).

Encryption is Fernet (cryptography: AES-128-CBC with an HMAC), the key from the environment, never
from the database it protects. An encrypted file starts with a marker, so files stored before the
key was set are still read as they are, and a wrong or missing key is a clear error, not garbage.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

MARKER = b"LUOSHI-FERNET1\n"


def fernet() -> Fernet | None:
    key = settings.EVIDENCE_ENCRYPTION_KEY
    if not key:
        return None
    try:
        return Fernet(key)
    except ValueError as error:
        raise ImproperlyConfigured("EVIDENCE_ENCRYPTION_KEY must be a Fernet key (44 characters)") from error


@deconstructible(path="responsibility.storage.EvidenceStorage")
class EvidenceStorage(FileSystemStorage):
    def _save(self, name, content):
        cipher = fernet()
        if cipher is not None:
            content.seek(0)
            content = ContentFile(MARKER + cipher.encrypt(content.read()))
        return super()._save(name, content)

    def _open(self, name, mode="rb"):
        handle = super()._open(name, "rb")
        if handle.read(len(MARKER)) != MARKER:
            handle.seek(0)
            return handle
        with handle:
            token = handle.read()
        cipher = fernet()
        if cipher is None:
            raise ImproperlyConfigured(f"{name} is encrypted: set EVIDENCE_ENCRYPTION_KEY to read it")
        try:
            return ContentFile(cipher.decrypt(token), name=name)
        except InvalidToken as error:
            raise ImproperlyConfigured(f"{name} does not open with EVIDENCE_ENCRYPTION_KEY") from error


evidence_storage = EvidenceStorage()


def get_evidence_storage() -> EvidenceStorage:
    return evidence_storage
