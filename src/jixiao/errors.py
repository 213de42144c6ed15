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
"""

from __future__ import annotations

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
]


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
    pass


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
