"""What happened to residents' feedback, in figures: counts and waiting times computed
from every genuine report (``figures``), the versioned dataset published from them each
day (``dataset``, its Spanish texts in ``spanish``), and the public page that shows them
with their charts (``views``)."""
