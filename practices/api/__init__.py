"""The practices API (``/api/v1/practices/``) and the open data downloads.

- ``views``: ``PracticeViewSet`` (the catalogue, drafts, the workflow, documents);
- ``serializers``: lean list output, detail output, input that only checks shapes;
- ``pagination``: keyset cursors (the whole sort key in the cursor);
- ``opendata``: ``/api/v1/open-data/practices.jsonl`` and ``.csv``, streamed;
- ``docs``: the OpenAPI descriptions and examples.
"""
