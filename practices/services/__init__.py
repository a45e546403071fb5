"""Writes for practices, one module per concern:

- ``workflow``: create, edit, the moderation transitions, revisions, attachments;
- ``notifications``: the e-mails each transition sends (run by Celery tasks);
- ``reproducibility``: stakeholder interviews and the transferability they imply;
- ``search_index``: the vocabulary behind "did you mean", kept in step with the catalogue;
- ``publication``: building "Do's and don'ts for biotech cluster development".
"""
