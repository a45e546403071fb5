"""The machinery of the public REST API (``/api/v1/``), shared by every app's endpoints.

Modules (each docstring says more):

- ``authentication``: ``Authorization: Bearer <key>`` API keys; browsers use their session.
- ``permissions``: ``ApiAccess`` (reads public, writes need a person or a ``write`` key),
  ``can_write_for(request, organisation)``, ``writable_organisation_ids(request)``.
- ``throttling``: anonymous per IP, per key, per person; 429 + ``Retry-After``; counted
  atomically by ``netbioclue.ratelimit`` (Redis ``INCR``, or one PostgreSQL upsert).
- ``idempotency``: ``Idempotency-Key`` on every POST (the first answer is replayed).
- ``exceptions`` + ``middleware``: every 4xx/5xx is ``application/problem+json``.
- ``pagination``: cursor pagination, ``page_size`` 1-100, strict about bad input, no COUNT.
- ``filters``: a view's django-filter ``filterset_class`` and ``ordering_fields``, strict.
- ``conditional``: ``ETag``/``If-None-Match`` (304) and ``If-Match`` (412/428).
- ``viewsets``: ``ApiViewMixin``, ``ReadOnlyApiViewSet``, ``created_response``.
- ``serializers``: ``ApiUrlField``/``PageUrlField`` (absolute ``url``/``html_url``).
- ``schema``: the ``Problem`` component, ``problem_responses()``, header parameters.
- ``renderers``: JSON through orjson. ``rates``: parsing ``60/min``-style settings.
- ``taxonomy`` (the vocabulary endpoint) and ``docs`` (getting-started page, API root).

Who a caller is
---------------
Anonymous callers read published content. A person signed in to the portal may use the
API from the browser with their session (CSRF applies to writes). An **API key
authenticates as its organisation, not as a person**: ``request.auth`` is the ``ApiKey``
and ``request.user`` is the key's *acting user*, a service account of that key alone
(no password, no membership) which, for the request, holds exactly the key's scope in
the key's organisation: ``read`` = VIEW_ORGANISATION, ``write`` = VIEW_ORGANISATION +
EDIT_CONTENT (an editor's rights: create, edit and submit drafts; never publish, never
another organisation's records, never members or keys). Services that take ``by: User``
get ``by=request.user`` for people and keys alike, and their usual
``permissions.require(by, organisation, EDIT_CONTENT)`` enforces the key's scope and
organisation; the audit log names the key ("API key “CRM sync” of ERBI").

401, 403 or 404
---------------
- **401** (with ``WWW-Authenticate: Bearer``): credentials are needed and missing, or the
  key sent is malformed, unknown or revoked. A bad key is refused even on public reads:
  the client should learn at once that its key does not work.
- **403**: the caller is known and may see the record but may not do this: a read key
  writing, a partner publishing, a member without the editor role.
- **404**: the record does not exist *for this caller*. Querysets are scoped to what the
  caller may see (published content, plus their own organisation's drafts), so another
  organisation's unpublished records are simply not found: the API does not reveal that
  they exist, as the HTML pages do not. Unknown URLs under ``/api/`` are 404 problems.

Building an endpoint (the recipe for practices, experts, events)
----------------------------------------------------------------
1. In ``<app>/api.py``, input and output serializers (output: ``ModelSerializer`` with
   ``url = ApiUrlField("<basename>-detail")`` and ``html_url = PageUrlField("<app>:detail")``;
   lean: list only what the list shows, ``.only()`` those columns in ``get_queryset``,
   ``select_related``/``prefetch_related`` the rest, so a page costs a fixed number of
   queries). Snake_case names; timestamps come out in UTC with ``Z``.
2. A viewset on ``ReadOnlyApiViewSet`` (list + retrieve by ``slug``) and, for writes,
   DRF's mixins or ``@action``s on top. ``get_queryset()`` starts from what the caller may
   see (the selector the HTML uses), never ``Model.objects.all()`` plus an ``if``.
3. Filters: set ``filterset_class`` to the app's one FilterSet (``<app>/filters.py``, the
   same class the HTML catalogue uses); bad values become 400 problems with per-parameter
   ``errors``. ``ordering_fields = {"public_name": "model_field"}`` and ``ordering = (...)``
   give ``ordering=``; the first ordering field must be non-null (cursor positions). Extra
   query parameters a view reads go in ``extra_query_params``; anything else is a 400.
   The cursor re-orders what the FilterSet returns, so a FilterSet that sorts by itself
   (``PracticeFilter``'s ``sort=relevance|newest|transferability``, with expressions)
   needs its orders offered as ``ordering_fields`` over annotations made in
   ``get_queryset`` (the rank, the transferability position, each with ``pk`` as the
   tie-breaker added automatically); a ``FilterSetBackend`` subclass can drop ``sort``.
4. Pagination is the default ``CursorPagination``; nothing to do.
5. ETags are automatic (body hash). For a record whose version changes with every field
   of its representation, define ``get_object_etag(self, obj)`` (the practices API does
   not: its status and interview counts change without a new version): detail GETs answer
   304 before serializing, and writes call ``self.check_if_match(request, obj)`` (428 if
   ``If-Match`` is missing, 412 with the current ``ETag`` if stale). Pass the version to the
   service, which compares it under its row lock, and map the service's stale-version
   error code to 412 with ``error_code_status = {"<code>": 412}``; state-machine refusals
   can map to 409 the same way. Set the new ``ETag`` on the write's answer.
6. Writes: ``ApiAccess`` (the default) already lets only people and ``write`` keys through.
   Scope write querysets with ``writable_organisation_ids(request)`` (another
   organisation's drafts: 404) and check ``can_write_for(request, organisation)`` before a
   create. Call the service with ``by=request.user``; Django ``ValidationError`` becomes a
   400 problem with per-field ``errors`` (``error_dict`` keys), ``PermissionDenied`` a 403.
   Answer a create with ``created_response(request, data, location=<detail path>)`` (201 +
   absolute ``Location``). Uploads: DRF's ``MultiPartParser`` is among the defaults.
7. Throttling is automatic (anon/key/user scopes). A stricter limit for an expensive
   endpoint: a ``WindowThrottle`` subclass with its own ``scope`` and a rate in settings.
8. Document every operation with ``@extend_schema_view``/``@extend_schema``: summary,
   description, ``parameters=[IF_NONE_MATCH]`` (or ``IF_MATCH`` on writes), ``responses``
   with ``**NOT_MODIFIED`` and ``**problem_responses(...)``, an ``OpenApiExample``. The
   test ``tests/api/test_schema.py`` runs ``spectacular --validate --fail-on-warn``.
9. Register the viewset in ``netbioclue/api.py``; add a tag to ``SPECTACULAR_SETTINGS``.
10. Tests under ``tests/api/`` get ``api_client``, ``key_for(org, scope)``, ``write_key``,
    ``read_key``, ``throttle_rates(...)`` and ``shared_cache`` from ``tests/api/conftest.py``
    and ``bearer()``/``problem()`` from ``tests/api/helpers.py``; query budgets count only
    the endpoint (a private in-memory cache, so throttling adds no queries).
"""
