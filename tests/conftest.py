import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own folder, never to the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
