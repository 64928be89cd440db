"""A resident's report: the form and its anti-abuse checks, storing it (contact details
apart), the receipt code, the status lookup, and the published reports with their CSV and
feed."""
