"""Settings split by machine: ``base`` is shared, ``dev``, ``test`` and ``production``
adjust it. Everything that differs between machines is read from the environment.
"""
