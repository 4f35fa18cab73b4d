"""Uploads are refused while they stream in, before a too-large file reaches the disk."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops reading a file once it passes EVIDENCE_MAX_BYTES and marks the request.

    Django would otherwise stream any size into a temporary file and only then let a form look at
    it. The rest of the body is read and thrown away (connection_reset=False) so the browser gets a
    page that says what happened; a proxy's body limit (nginx client_max_body_size) caps that too.
    """

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            self.request.upload_too_large = self.file_name
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def too_large_message(name: str) -> str:
    """What the user reads when ``name`` was refused by the handler above (pages and API alike)."""
    limit = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
    return _("文件“%(name)s”超过大小上限 %(limit)s MB，本次提交未保存，请压缩或拆分后重新提交。") % {
        "name": name,
        "limit": limit,
    }
