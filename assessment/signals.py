"""What assessment tells the layers above it, which it does not know (workflow tells people)."""

from django.dispatch import Signal

# A version of the year's results was published: sent inside the publishing transaction, with
# ``assessment`` and ``user`` (who published it).
results_published = Signal()
