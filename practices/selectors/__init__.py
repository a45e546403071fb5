"""Reads for practices: ``catalogue`` (the public search) and ``workspace`` (partners'
and coordinators' views of records in progress)."""
