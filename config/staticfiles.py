from django.contrib.staticfiles.finders import AppDirectoriesFinder as DjangoAppDirectoriesFinder


class AppDirectoriesFinder(DjangoAppDirectoriesFinder):
    """Apps' static files without the ``node_modules`` folders some packages ship by mistake.

    viewflow 2.4.0 carries, beside each font and script it serves, the npm package it came from.
    Nothing links those copies, and one of them (``roboto-fontface/css/roboto/roboto-fontface.css``)
    points at fonts one folder up that are not there, so the manifest storage's ``collectstatic``
    aborts on it. Not collecting them is the fix: the copies viewflow's templates link are collected
    and hashed as before, and no reference to a missing file is left to be tolerated.
    """

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), "node_modules"])
