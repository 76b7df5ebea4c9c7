"""One exception family for the package, and one warning class.

Every error a user can cause is a :class:`StorydiffError` whose message is a single line naming the
input, what was wrong and what to do. The command line prints that line and exits with status 2.

Examples
--------
>>> err = EmptyTextError("story.txt: the file is empty; give it the article text")
>>> isinstance(err, StorydiffError), isinstance(err, ValueError)
(True, True)
"""

from __future__ import annotations


class StorydiffError(ValueError):
    """Base class of every error the package raises for bad input or parameters."""


class InputNotFoundError(StorydiffError, FileNotFoundError):
    """A path the user gave does not exist."""


class UnsupportedFormatError(StorydiffError):
    """A file whose format the package cannot read."""


class BinaryFileError(StorydiffError):
    """A file that holds binary data rather than text."""


class DecodingError(StorydiffError):
    """Bytes that decode in no supported encoding."""


class EmptyTextError(StorydiffError):
    """A version whose text is empty or whitespace only."""


class StoryStructureError(StorydiffError):
    """A story that cannot be compared: no versions, one version, duplicate ids, bad metadata."""


class SingleVersionError(StoryStructureError):
    """A story with a single version: nothing to compare. A report fails on it; a corpus run
    counts it apart from its failures (a revision corpus holds many articles never revised)."""


class InputTooLargeError(StorydiffError):
    """An input too large to analyse in the memory the package allows itself."""


class ParameterError(StorydiffError):
    """A parameter outside its documented range or type."""


class StorydiffWarning(UserWarning):
    """Something was read with a fallback the user should know about (e.g. an encoding guess)."""
