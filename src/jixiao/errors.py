"""Every error jixiao raises on purpose, and the exit status each maps to.

    JixiaoError                 base; ``exit_code`` 2 unless overridden
    ├── InputError              a file cannot be read as a form (carries file, form, line)
    │   ├── NotFoundError       the path does not exist or is not readable
    │   ├── NotTextError        binary or undecodable content where text was expected
    │   ├── NoFormError         readable, but no self-evaluation form was found in it
    │   ├── LegacyFormatError   .xls/.doc/.wps: ask the user to save as .xlsx/.docx
    │   └── TooLargeError       over the configured size limit; refused before reading
    ├── UsageError              bad options or settings (unknown rule code, profile, format)
    ├── OutputError             an output could not be written (the input is never touched)
    └── LLMError                the model could not be used; never fatal to deterministic findings
        ├── LLMUnavailable      no endpoint configured, or connection refused / timed out
        └── LLMResponseError    the answer was unusable (HTTP error, invalid JSON, empty)

The CLI catches ``JixiaoError`` at one place, prints ``str(error)`` (Chinese, with file and
place) and exits with ``exit_code``; anything else is a bug and is allowed to surface as such.
What the operating system says goes through ``os_reason``, so no English reaches the user.
"""

from __future__ import annotations

import errno

__all__ = [
    "JixiaoError",
    "InputError",
    "NotFoundError",
    "NotTextError",
    "NoFormError",
    "LegacyFormatError",
    "TooLargeError",
    "UsageError",
    "OutputError",
    "LLMError",
    "LLMUnavailable",
    "LLMResponseError",
    "os_reason",
]

_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作系统不允许这样做",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ELOOP: "符号链接指向自身，形成了循环",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘是只读的",
    errno.EIO: "读写出错（磁盘或网络盘故障）",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EEXIST: "文件已存在",
}


def os_reason(exc: OSError) -> str:
    """What an ``OSError`` means, in Chinese ("文件不存在"), for a message that names the file."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is not None:
        return reason
    code = errno.errorcode.get(exc.errno or 0)
    return f"操作系统报错（{code}）" if code else "操作系统报错"


class JixiaoError(Exception):
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(JixiaoError):
    """Names the place: ``文件 a.txt 第 12 行（表单「基层科普服务」）：…``."""

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None, form: str | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.form = form
        place = []
        if file:
            place.append(f"文件 {file}")
        if line is not None:
            place.append(f"第 {line} 行")
        if form:
            place.append(f"（表单「{form}」）")
        prefix = " ".join(place[:2]) + (place[2] if len(place) > 2 else "")
        super().__init__(f"{prefix}：{message}" if prefix else message)


class NotFoundError(InputError):
    """``无法读取文件 a.txt：文件不存在``: the reason says why, in Chinese (see ``os_reason``)."""

    def __init__(self, reason: str, *, file: str) -> None:
        super().__init__(reason, file=file)
        self.message = f"无法读取文件 {file}：{reason}"


class NotTextError(InputError):
    pass


class NoFormError(InputError):
    pass


class LegacyFormatError(InputError):
    pass


class TooLargeError(InputError):
    pass


class UsageError(JixiaoError):
    pass


class OutputError(JixiaoError):
    pass


class LLMError(JixiaoError):
    exit_code = 0


class LLMUnavailable(LLMError):
    pass


class LLMResponseError(LLMError):
    pass
